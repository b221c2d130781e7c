import { useEffect, useState } from 'react'
import { LogoutButton, useAuth, useAuthClient, type SessionStorageKind } from '@latchkey/react'
import { chooseDemoStorage, demoStorageKinds, readDemoStorage } from '../demoStorage.js'
import { demoIdp } from '../demoIdpSettings.js'
import { chooseDemoUserinfo, readDemoUserinfo } from '../demoUserinfo.js'

function useSecondsUntil(time: number | undefined): number | null {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  return time === undefined ? null : Math.max(0, Math.round((time - now) / 1000))
}

function ExpiryCountdown() {
  const expiresAt = useAuth((state) => state.user?.expiresAt)
  const seconds = useSecondsUntil(expiresAt)
  return (
    <p>
      Access token expires in <strong data-testid="expires-in">{seconds ?? '–'}</strong> s
    </p>
  )
}

/** The client is built once per page load, so a new choice reloads the page; the session kept in the old place is not carried over. */
function StorageChoice() {
  return (
    <p>
      <label htmlFor="storage">Session storage</label>{' '}
      <select
        id="storage"
        defaultValue={readDemoStorage()}
        onChange={(event) => {
          chooseDemoStorage(event.target.value as SessionStorageKind)
          location.reload()
        }}
      >
        {demoStorageKinds.map((kind) => (
          <option key={kind} value={kind}>
            {kind}
          </option>
        ))}
      </select>
    </p>
  )
}

/** Like the storage choice, it reloads the page: the client is built once per load. */
function UserinfoChoice() {
  return (
    <p>
      <label>
        <input
          type="checkbox"
          defaultChecked={readDemoUserinfo()}
          onChange={(event) => {
            chooseDemoUserinfo(event.target.checked)
            location.reload()
          }}
        />{' '}
        Load claims from userinfo at sign-in (bearer tokens instead of DPoP)
      </label>
    </p>
  )
}

/** With a build that names a userinfo endpoint: calls it with `auth.fetch`, as an app calls its API. */
function UserinfoCall({ url }: { url: string }) {
  const client = useAuthClient()
  const [answer, setAnswer] = useState<string | null>(null)
  return (
    <>
      <h2>Userinfo</h2>
      <button
        type="button"
        onClick={() =>
          void client
            .fetch(url)
            .then(async (response) => setAnswer(`${response.status} ${await response.text()}`))
            .catch((error: unknown) => setAnswer(String(error)))
        }
      >
        Call userinfo
      </button>
      {answer !== null && <pre data-testid="userinfo">{answer}</pre>}
    </>
  )
}

export function SessionPage() {
  const client = useAuthClient()
  const scopes = useAuth((state) => state.user?.scopes ?? [])
  const pending = useAuth((state) => state.pending)
  const hasWrite = scopes.includes('orders:write')
  return (
    <>
      <h1>Session</h1>
      <ExpiryCountdown />
      <StorageChoice />
      <UserinfoChoice />
      <h2>Granted scopes</h2>
      <ul aria-label="Granted scopes">
        {scopes.map((scope) => (
          <li key={scope}>{scope}</li>
        ))}
      </ul>
      <div className="actions">
        <button type="button" disabled={pending === 'refresh'} onClick={() => void client.renew().catch(() => undefined)}>
          Renew now
        </button>
        <button
          type="button"
          disabled={hasWrite}
          onClick={() => void client.login({ mode: 'popup', scope: [...scopes, 'orders:write'].join(' ') }).catch(() => undefined)}
        >
          {hasWrite ? 'orders:write granted' : 'Grant orders:write'}
        </button>
      </div>
      {demoIdp.userinfoUrl && <UserinfoCall url={demoIdp.userinfoUrl} />}
      <h2>Sign out</h2>
      <div className="actions">
        <LogoutButton mode="redirect">Sign out (redirect)</LogoutButton>
        <LogoutButton mode="popup">Sign out (popup)</LogoutButton>
        <LogoutButton mode="local">Sign out of this app only</LogoutButton>
      </div>
    </>
  )
}
