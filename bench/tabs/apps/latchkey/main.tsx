import { createRoot } from 'react-dom/client'
import { AuthProvider, createAuthClient, RequireAuth, useAuth, useAuthFetch } from '@latchkey/react'
import { apiPath, issuer, readStorageChoice, scope, TabReport } from '../TabReport.js'

// latchkey's defaults but the storage: renewal ahead of expiry with the refresh token, and the tabs of one browser share the session.
const auth = createAuthClient({ authority: issuer, clientId: 'latchkey', redirectUri: '/callback', scope, storage: readStorageChoice() })

function Tab() {
  const name = useAuth((state) => (state.status === 'authenticated' ? (state.user?.profile.name ?? '') : undefined))
  const authFetch = useAuthFetch()
  return <TabReport signedInAs={name} callApi={() => authFetch(apiPath)} />
}

createRoot(document.getElementById('root')!).render(
  <AuthProvider client={auth}>
    {/* Signs in by redirect on the first visit; after a sign-out it offers a button instead. */}
    <RequireAuth fallback={<p>Signing in…</p>} />
    <Tab />
  </AuthProvider>,
)
