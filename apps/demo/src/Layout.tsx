import { useState } from 'react'
import { NavLink, Outlet } from 'react-router'
import { LoginButton, LogoutButton, useAuth, type LogoutResult } from '@latchkey/react'
import { IdleWarning } from '@latchkey/react/idle-timeout'

/** An IdP without an end-session endpoint keeps its session: the user should know the next sign-in may skip the password. */
function noticeOf({ idpSession }: LogoutResult): string | null {
  return idpSession === 'kept' ? 'Signed out of this app. You are still signed in at the identity provider.' : null
}

function AccountBar({ onNotice }: { onNotice: (notice: string | null) => void }) {
  const name = useAuth((state) => state.user?.profile.name ?? state.user?.profile.sub)
  const status = useAuth((state) => state.status)
  if (status === 'loading') return null
  if (!name) return <LoginButton>Sign in</LoginButton>
  return (
    <>
      <span>
        Signed in as <strong>{name}</strong>
      </span>
      <LogoutButton returnTo="/" onSignedOut={(result) => onNotice(noticeOf(result))}>
        Sign out
      </LogoutButton>
      <LogoutButton mode="local" onSignedOut={() => onNotice(null)}>
        Sign out of this app only
      </LogoutButton>
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
  const [notice, setNotice] = useState<string | null>(null)
  const signedIn = useAuth((state) => state.status === 'authenticated')
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
          <NavLink to="/tv">TV</NavLink>
        </nav>
        <div className="account">
          <AccountBar onNotice={setNotice} />
        </div>
      </header>
      <main>
        <ErrorBanner />
        {notice && !signedIn && <p role="status">{notice}</p>}
        <Outlet />
      </main>
      <IdleWarning />
    </>
  )
}
