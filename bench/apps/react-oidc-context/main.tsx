import { createRoot } from 'react-dom/client'
import { AuthProvider, useAuth, withAuthenticationRequired } from 'react-oidc-context'
import { WebStorageStateStore } from 'oidc-client-ts'
import { apiPath, issuer, readStorageChoice, scope, TabReport } from '../TabReport.js'

// react-oidc-context's defaults (automaticSilentRenew on, with the refresh token) but two: the user
// store follows the bench's storage choice, and renewal starts 1 s before expiry. Its default, 60 s,
// is longer than the bench's 5 s tokens, which would make every tab refresh every second; 1 s of 5
// keeps the proportion of a real deployment (60 s of a 5 min token).
const userStore = readStorageChoice() === 'local' ? new WebStorageStateStore({ store: window.localStorage }) : undefined

function Tab() {
  const auth = useAuth()
  const live = auth.isAuthenticated && auth.user && !auth.user.expired
  return (
    <TabReport
      signedInAs={live ? (auth.user?.profile.name ?? '') : undefined}
      callApi={() => fetch(apiPath, { headers: { Authorization: `Bearer ${auth.user?.access_token ?? ''}` } })}
    />
  )
}

// Its documented way to sign in by redirect on the first visit.
const SignIn = withAuthenticationRequired(() => null, { OnRedirecting: () => <p>Signing in…</p> })

createRoot(document.getElementById('root')!).render(
  <AuthProvider
    authority={issuer}
    client_id="react-oidc-context"
    redirect_uri={`${location.origin}/callback`}
    scope={scope}
    accessTokenExpiringNotificationTimeInSeconds={1}
    {...(userStore && { userStore })}
    // Its documented clean-up of the callback URL.
    onSigninCallback={() => window.history.replaceState({}, document.title, '/')}
  >
    <SignIn />
    <Tab />
  </AuthProvider>,
)
