import { Link } from 'react-router'
import { LoginButton, useAuth } from '@latchkey/react'

export function HomePage() {
  const isAuthenticated = useAuth((state) => state.status === 'authenticated')
  return (
    <>
      <h1>Latchkey demo</h1>
      <p>Sign-in with the OAuth 2.0 authorization code flow and PKCE, against a local mock identity provider.</p>
      {isAuthenticated ? (
        <p>
          You are signed in. See your <Link to="/profile">profile</Link>.
        </p>
      ) : (
        <div className="actions">
          <LoginButton returnTo="/profile">Sign in with redirect</LoginButton>
          <LoginButton mode="popup">Sign in with popup</LoginButton>
        </div>
      )}
    </>
  )
}
