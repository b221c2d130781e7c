import { useAuth } from '@latchkey/react'

export function ProfilePage() {
  const user = useAuth((state) => state.user)
  if (!user) return null
  const { profile } = user
  return (
    <>
      <h1>Profile</h1>
      <p>
        Hello, <strong data-testid="user-name">{profile.name ?? profile.sub}</strong>.
      </p>
      <h2>Claims</h2>
      <dl className="claims">
        {Object.entries(profile).map(([claim, value]) => (
          <div key={claim}>
            <dt>{claim}</dt>
            <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
          </div>
        ))}
      </dl>
      <h2>Granted scopes</h2>
      <ul aria-label="Granted scopes">
        {user.scopes.map((scope) => (
          <li key={scope}>{scope}</li>
        ))}
      </ul>
    </>
  )
}
