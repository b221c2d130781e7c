/**
 * Marks the `state` of a sign-in or sign-out whose answer a popup or a hidden iframe must hand back
 * to the window that started it (oidc-client-ts's `url_state`, sent as `state=ID;latchkey-relay`).
 * The IdP echoes `state` as it is, so whatever page the answer lands on, the app's own included,
 * knows to relay it rather than redeem it.
 */
export const relayUrlState = 'latchkey-relay'

const delimiter = ';'

/** The id of a `state` parameter, without the `url_state` appended after `;` (oidc-client-ts's convention). */
export function stateId(state: string): string {
  return state.split(delimiter)[0] ?? state
}

/** Whether `href` is the answer to a popup or silent-iframe request, which this page must relay, not redeem. */
export function isRelayedCallback(href: string): boolean {
  const state = new URL(href).searchParams.get('state')
  return state !== null && state.split(delimiter).slice(1).includes(relayUrlState)
}
