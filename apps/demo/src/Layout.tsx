import { NavLink, Outlet } from 'react-router'
import { LoginButton, LogoutButton, useAuth } from '@latchkey/react'

function AccountBar() {
  const name = useAuth((state) => state.user?.profile.name ?? state.user?.profile.sub)
  const status = useAuth((state) => state.status)
  if (status === 'loading') return null
  if (!name) return <LoginButton>Sign in</LoginButton>
  return (
    <>
      <span>
        Signed in as <strong>{name}</strong>
      </span>
      <LogoutButton returnTo="/">Sign out</LogoutButton>
      <LogoutButton mode="local">Sign out of this app only</LogoutButton>
    </>
  )
}

function ErrorBanner() {
  const error = useAuth((state) => state.error)
  if (!error) return null
  return (
    <p role="alert" className="error">
      {error.message} <code>{error.code}</code>
    </p>
  )
}

export function Layout() {
  return (
    <>
      <header>
        <nav aria-label="Main">
          <NavLink to="/" end>
            Home
          </NavLink>
          <NavLink to="/profile">Profile</NavLink>
          <NavLink to="/admin">Admin</NavLink>
          <NavLink to="/orders">Orders</NavLink>
          <NavLink to="/session">Session</NavLink>
        </nav>
        <div className="account">
          <AccountBar />
        </div>
      </header>
      <main>
        <ErrorBanner />
        <Outlet />
      </main>
    </>
  )
}
