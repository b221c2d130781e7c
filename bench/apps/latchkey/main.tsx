import { createRoot } from 'react-dom/client'
import { AuthProvider, createAuthClient, RequireAuth, useAuth, useAuthFetch } from '@latchkey/react'
import { authFetch } from '@latchkey/react/fetch'
import { tabSync } from '@latchkey/react/tab-sync'
import { apiPath, issuer, readStorageChoice, scope, TabReport } from '../TabReport.js'

// latchkey's defaults but the storage, with the two features this app uses: tab sync (the tabs of one
// browser share the session; needed for local storage) and fetch (useAuthFetch). Renewal ahead of
// expiry with the refresh token is the default.
const auth = createAuthClient({
  authority: issuer,
  clientId: 'latchkey',
  redirectUri: '/callback',
  scope,
  storage: readStorageChoice(),
  features: [tabSync(), authFetch()],
})

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
