import { AuthError } from './AuthError.js'
import { dev } from './dev.js'

const popupFeatures = 'popup=yes,width=520,height=680'

/**
 * Opens an empty popup. Must run in the same task as the user's click, before any await, or the
 * browser's popup blocker stops it; the IdP URL is set once it is known.
 */
export function openPopup(): Window | null {
  const left = Math.max(0, window.screenX + (window.outerWidth - 520) / 2)
  const top = Math.max(0, window.screenY + (window.outerHeight - 680) / 2)
  return window.open('about:blank', `latchkey-${crypto.randomUUID()}`, `${popupFeatures},left=${left},top=${top}`)
}

export function popupBlockedError(): AuthError {
  return new AuthError(
    'popup_blocked',
    dev
      ? 'The browser blocked the sign-in popup. Call login({ mode: "popup" }) straight from a click handler, allow popups for this site, or set popupFallback: "redirect".'
      : '',
  )
}

export interface PopupWatch {
  readonly closed: Promise<never>
  stop(): void
}

const pollMs = 250
const graceMs = 750

/**
 * Rejects with `popup_closed` once the user has closed the popup. `popup.closed` alone cannot tell:
 * when the IdP sends Cross-Origin-Opener-Policy, the opener's handle reads closed while the popup
 * is still open on the IdP. So a closed handle counts only once this window has the focus back
 * (it lost it to the popup, and regains it when the popup goes away) for a short grace, which also
 * lets a result the callback page just broadcast arrive first. A result that still comes later is
 * taken all the same by the caller.
 */
export function watchPopupClosed(popup: Window): PopupWatch {
  let timer: ReturnType<typeof setInterval> | undefined
  let closedSince: number | undefined
  let reject: (error: AuthError) => void = () => undefined
  const closed = new Promise<never>((_, fail) => {
    reject = fail
  })
  timer = setInterval(() => {
    if (!popup.closed || !document.hasFocus()) {
      closedSince = undefined
      return
    }
    closedSince ??= Date.now()
    if (Date.now() - closedSince >= graceMs) {
      stop()
      reject(new AuthError('popup_closed', dev ? 'The sign-in popup was closed before signing in finished.' : ''))
    }
  }, pollMs)
  const stop = () => {
    if (timer !== undefined) clearInterval(timer)
    timer = undefined
  }
  // Nobody may be awaiting `closed` when the result wins the race.
  closed.catch(() => undefined)
  return { closed, stop }
}
