import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { BrowserRouter, Link, Route, Routes } from 'react-router'
import { AuthProvider, LoginButton, LogoutButton, RequireAuth, useAuth } from '@latchkey/react'
import { auth } from './auth'
import { Profile } from './Profile'

function Home() {
  const name = useAuth((state) => state.user?.profile.name)
  return (
    <>
      {name ? <p>Signed in as {name}</p> : <LoginButton mode="popup">Sign in with popup</LoginButton>}
      <LogoutButton mode="local">Sign out</LogoutButton>
      <Link to="/profile">Profile</Link>
    </>
  )
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AuthProvider client={auth}>
      <BrowserRouter>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/profile" element={<RequireAuth><Profile /></RequireAuth>} />
        </Routes>
      </BrowserRouter>
    </AuthProvider>
  </StrictMode>,
)
