import type { LoginOptions } from './AuthClient.js'
import type { LoginParts } from './createLogin.js'
import { runPopup } from './runPopup.js'

/** A sign-in in `popup`, opened by the click: this page stays, and the session starts when the popup is done. */
export async function signInWithPopup({ config, protocol, holder, lifecycle }: LoginParts, popup: Window, options: LoginOptions): Promise<void> {
  lifecycle.dispatch({ type: 'started', activity: 'login' })
  const generation = holder.generation()
  const complete = async (url: string) => {
    const { session, loginState } = await protocol.redeem(url)
    lifecycle.adoptSignin(session, generation, loginState.appState)
  }
  try {
    const request = await protocol.signinRequest(options, holder.current()?.scopes ?? [], true)
    const run = runPopup(popup, request.url, request.state, lifecycle.popupSignal())
    const url = await run.result.catch((closed: unknown) => {
      // A result that arrives after the popup counted as closed (a popup left behind, then finished) still signs in.
      void run.late.then(complete).catch((err: unknown) => lifecycle.fail(err, 'Popup sign-in failed'))
      throw closed
    })
    await complete(url)
  } catch (err) {
    if (!popup.closed) popup.close()
    throw lifecycle.fail(err, 'Popup sign-in failed')
  }
}
