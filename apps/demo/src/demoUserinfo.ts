/** Where the demo keeps whether it loads claims from userinfo at sign-in; the e2e suite sets it before the app loads. */
export const demoUserinfoKey = 'latchkey-demo:userinfo'

/** Off (latchkey's default) until chosen on the session page. */
export function readDemoUserinfo(): boolean {
  return localStorage.getItem(demoUserinfoKey) === 'on'
}

/** Keeps the choice; it takes effect when the app next loads, as the client is built once. */
export function chooseDemoUserinfo(on: boolean): void {
  localStorage.setItem(demoUserinfoKey, on ? 'on' : 'off')
}
