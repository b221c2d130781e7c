/**
 * The device code feature for React: `deviceCode()` (from `@latchkey/core/device-code`), `useDeviceLogin()` and `<DeviceLogin>`. Only this entry loads the QR code library.
 *
 * @module @latchkey/react/device-code
 */
export * from '@latchkey/core/device-code'
export { useDeviceLogin, type DeviceLoginState, type UseDeviceLoginResult } from './useDeviceLogin.js'
export { DeviceLogin, type DeviceLoginProps } from './DeviceLogin.js'
