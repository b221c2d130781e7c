import { useEffect, useRef, useState } from 'react'

/** Set by the bench at build time: the mock IdP's issuer. */
declare const __BENCH_ISSUER__: string
export const issuer = __BENCH_ISSUER__

/** Both apps ask for the same scopes; `offline_access` gets both a refresh token, `orders:read` lets them call the API. */
export const scope = 'openid profile email offline_access orders:read'

/** The demo API's orders, reached through the app's own origin (the preview server proxies /api/). */
export const apiPath = '/api/orders'

const callEveryMs = 1000

/** Set by the bench in every page before the app loads: `session` or `local`. */
export function readStorageChoice(): 'session' | 'local' {
  return localStorage.getItem('latchkey-bench:storage') === 'local' ? 'local' : 'session'
}

export interface TabReportProps {
  /** The signed-in user's name while the kit holds a live session, else undefined. */
  signedInAs: string | undefined
  /** One call to the API with the kit's access token. */
  callApi: () => Promise<Response>
}

/**
 * What the bench reads in each tab: whether it is signed in, and how many API calls succeeded and
 * failed. Once the tab has been signed in, it calls the API every second whatever happens next, as an
 * app on screen would, so a tab that lost its session shows it as failed calls.
 */
export function TabReport({ signedInAs, callApi }: TabReportProps) {
  const [calls, setCalls] = useState({ answered: 0, failed: 0 })
  const [wasSignedIn, setWasSignedIn] = useState(false)
  const latestCallApi = useRef(callApi)
  latestCallApi.current = callApi
  if (signedInAs !== undefined && !wasSignedIn) setWasSignedIn(true)

  useEffect(() => {
    if (!wasSignedIn) return
    const timer = setInterval(() => {
      latestCallApi
        .current()
        .then((response) => response.ok, () => false)
        .then((ok) => setCalls((count) => (ok ? { ...count, answered: count.answered + 1 } : { ...count, failed: count.failed + 1 })))
    }, callEveryMs)
    return () => clearInterval(timer)
  }, [wasSignedIn])

  return (
    <main>
      <p data-testid="session">{signedInAs === undefined ? 'Signed out' : `Signed in as ${signedInAs}`}</p>
      <p>
        API calls: <span data-testid="answered">{calls.answered}</span> answered, <span data-testid="failed">{calls.failed}</span> failed
      </p>
    </main>
  )
}
