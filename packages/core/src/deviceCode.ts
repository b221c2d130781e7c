/**
 * The device code feature: `auth.loginWithDeviceCode()`, sign-in on another device (RFC 8628) for
 * kiosks, TVs and shared screens. Also `@latchkey/react/device-code`.
 *
 * @module @latchkey/core/device-code
 */
import { defineFeature, type AuthFeature } from './AuthFeature.js'
import type { AuthClient } from './AuthClient.js'
import { createDeviceLogin, type DeviceLoginParts } from './createDeviceLogin.js'

export type { DeviceAuthorization, DeviceLoginOptions } from './DeviceAuthorization.js'
export { formatCountdown } from './formatCountdown.js'

/** What the device code feature brings to the client. */
export interface DeviceCodeCode {
  /** Builds `auth.loginWithDeviceCode` from the client's parts. */
  create(parts: DeviceLoginParts): AuthClient['loginWithDeviceCode']
}

/**
 * `auth.loginWithDeviceCode()`: the OAuth 2.0 device authorization grant (RFC 8628), over
 * oauth4webapi. The screen shows a code; the user signs in on a phone; the screen polls the token
 * endpoint until then, every `interval` seconds, 5 s more after each `slow_down`, and backs off
 * exponentially while the IdP cannot be reached. The tokens pass the same checks as a redirect
 * sign-in's, and the session renews, syncs across tabs and signs out as any other.
 *
 * The IdP must announce a `device_authorization_endpoint` (or `metadata` must name it), and allow
 * this client, as a public client, the grant `urn:ietf:params:oauth:grant-type:device_code`.
 *
 * @example
 * import { deviceCode } from '@latchkey/core/device-code'
 * const auth = createAuthClient({ authority, clientId, features: [deviceCode()] })
 * const device = await auth.loginWithDeviceCode()
 * show(device.userCode, device.verificationUri)
 * await device.signedIn
 *
 * @see https://www.rfc-editor.org/rfc/rfc8628
 */
export function deviceCode(): AuthFeature<'device-code'> {
  return defineFeature('device-code', { create: createDeviceLogin } satisfies DeviceCodeCode)
}
