import { useEffect, useId, type ReactNode } from 'react'
import type { AuthError, DeviceAuthorization, DeviceLoginOptions } from '@latchkey/core'
import { formatCountdown } from '@latchkey/core/device-code'
import { QrCode } from './QrCode.js'
import { useDeviceLogin } from './useDeviceLogin.js'
import { useSecondsLeft } from './useSecondsLeft.js'

/** Props of `DeviceLogin`. All are optional. */
export interface DeviceLoginProps {
  /** The `loginWithDeviceCode()` options, such as `scope`. Default: none. */
  options?: Omit<DeviceLoginOptions, 'signal'>
  /** Ask for a code as soon as it shows; otherwise it shows a "Get a code" button first. Default true. */
  autoStart?: boolean
  /** Width and height of the QR code, in CSS pixels. Default 192. */
  qrSize?: number
  /** What to show once signed in. Default: "You are signed in." */
  children?: ReactNode
  /** A class for the outer element, to style it. Default: none. */
  className?: string
}

/**
 * Sign-in for a kiosk, TV or shared screen (needs `deviceCode()` from `@latchkey/react/device-code`):
 * shows a code in large type, a QR code of the verification link, the address to type it at, and the
 * time left; the user signs in on a phone. After a refusal or an expired code it offers a new code.
 * Progress is announced in a polite live region. Leaving the screen cancels the sign-in.
 *
 * @example
 * <DeviceLogin>
 *   <Navigate to="/" />
 * </DeviceLogin>
 */
export function DeviceLogin({ options, autoStart = true, qrSize = 192, children, className }: DeviceLoginProps) {
  const { state, start } = useDeviceLogin()
  const headingId = useId()
  const scope = options?.scope
  useEffect(() => {
    if (autoStart) start(scope === undefined ? undefined : { scope })
  }, [autoStart, scope, start])
  const restart = () => start(options)

  return (
    <section className={className} aria-labelledby={headingId} data-latchkey-device-login={state.status}>
      <h2 id={headingId}>Sign in with another device</h2>
      <p role="status">{statusLine(state.status === 'error' ? state.error : state.status)}</p>
      {state.status === 'pending' && <PendingCode device={state.device} qrSize={qrSize} />}
      {state.status === 'signed-in' && (children ?? <p>You are signed in.</p>)}
      {(state.status === 'idle' || state.status === 'error') && (
        <button type="button" onClick={restart}>
          {state.status === 'idle' ? 'Get a code' : 'Get a new code'}
        </button>
      )}
    </section>
  )
}

function statusLine(status: 'idle' | 'starting' | 'pending' | 'signed-in' | AuthError): string {
  if (status === 'idle') return 'Get a code, then sign in with it on your phone or computer.'
  if (status === 'starting') return 'Getting a code…'
  if (status === 'pending') return 'Waiting for you to sign in on your other device.'
  if (status === 'signed-in') return 'Signed in.'
  if (status.code === 'device_code_expired') return 'The code expired before it was used.'
  if (status.code === 'access_denied') return 'The sign-in was refused on the other device.'
  return `Sign-in failed: ${status.message}`
}

function PendingCode({ device, qrSize }: { device: DeviceAuthorization; qrSize: number }) {
  const seconds = useSecondsLeft(device.expiresAt)
  return (
    <>
      <p>
        Go to <a href={device.verificationUri}>{device.verificationUri}</a> and enter this code:
      </p>
      <p aria-label="Your code" style={{ fontSize: '3rem', fontFamily: 'monospace', letterSpacing: '0.1em', margin: '0.5rem 0' }}>
        {device.userCode}
      </p>
      {device.verificationUriComplete !== undefined && (
        <QrCode value={device.verificationUriComplete} label="QR code that opens the sign-in page with the code filled in" size={qrSize} />
      )}
      <p>
        The code expires in <time dateTime={`PT${seconds}S`}>{formatCountdown(seconds)}</time>.
      </p>
    </>
  )
}
