import { useAuth } from '@latchkey/react'
import { DeviceLogin } from '@latchkey/react/device-code'

/**
 * A kiosk or TV screen: nobody types a password here. The screen shows a code and a QR code; the user
 * signs in on a phone, and this screen is then signed in like any other page of the app.
 */
export function TvPage() {
  const name = useAuth((state) => state.user?.profile.name ?? state.user?.profile.sub)
  const status = useAuth((state) => state.status)
  if (status === 'loading') return null
  return (
    <>
      <h1>TV sign-in</h1>
      {name ? (
        <p>
          This screen is signed in as <strong data-testid="user-name">{name}</strong>.
        </p>
      ) : (
        <DeviceLogin className="device-login" />
      )}
    </>
  )
}
