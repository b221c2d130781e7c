import { useEffect, useId, useRef, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react'
import { formatCountdown } from '@latchkey/core/idle-timeout'
import type { LogoutMode } from '@latchkey/core'
import { useAuthClient } from './useAuthClient.js'
import { useIdle } from './useIdle.js'

/** Props of `IdleWarning`. All are optional. */
export interface IdleWarningProps {
  /** The dialog's heading, which also names it. Default "Are you still there?". */
  title?: ReactNode
  /** The sentence with the time left (`0:45`, m:ss), shown and announced. Default: "You will be signed out in 0:45". */
  children?: (time: string, remainingSeconds: number) => ReactNode
  /** The text of the button that keeps the session. Default "Stay signed in". */
  staySignedInText?: ReactNode
  /** The text of the button that signs out now. Default "Sign out". */
  signOutText?: ReactNode
  /** How "Sign out" signs out, as `logout({ mode })`. Default `redirect`. */
  logoutMode?: LogoutMode
  /** Class of the dialog box; it replaces the default inline style of the box. Default: none. */
  className?: string
}

const backdropStyle: CSSProperties = {
  position: 'fixed',
  inset: 0,
  zIndex: 1000,
  display: 'grid',
  placeItems: 'center',
  background: 'rgba(0, 0, 0, 0.45)',
}
const boxStyle: CSSProperties = { background: 'Canvas', color: 'CanvasText', padding: '1.5rem', borderRadius: '0.5rem', maxWidth: '26rem' }
const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
}
const focusable = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

const defaultMessage = (time: string) => `You will be signed out in ${time}`

/**
 * The second the live region last announced: every 15 s, then each of the last 10 s. Announcing every
 * second would leave a screen reader user no quiet to act in.
 */
function announcedSecond(remainingSeconds: number): number {
  return remainingSeconds <= 10 ? remainingSeconds : Math.ceil(remainingSeconds / 15) * 15
}

/**
 * The idle timeout's warning: a modal alert dialog with the time left, "Stay signed in" (also
 * Escape) and "Sign out". It shows only while `useIdle().warning` is true. Focus moves to "Stay
 * signed in" when it opens, stays inside it (Tab and Shift+Tab wrap), and returns where it was when it
 * closes. The countdown is shown each second, and announced politely every 15 s and in each of the
 * last 10 s. Needs `idleTimeout()` among the client's features.
 *
 * @example
 * <IdleWarning>{(time) => `For your security you will be signed out in ${time}.`}</IdleWarning>
 */
export function IdleWarning(props: IdleWarningProps) {
  const { warning, remainingSeconds } = useIdle()
  if (!warning || remainingSeconds === null) return null
  return <IdleDialog {...props} remainingSeconds={remainingSeconds} />
}

function IdleDialog({
  title = 'Are you still there?',
  children = defaultMessage,
  staySignedInText = 'Stay signed in',
  signOutText = 'Sign out',
  logoutMode,
  className,
  remainingSeconds,
}: IdleWarningProps & { remainingSeconds: number }) {
  const client = useAuthClient()
  const { staySignedIn } = useIdle()
  const dialog = useRef<HTMLDivElement>(null)
  const stay = useRef<HTMLButtonElement>(null)
  const titleId = useId()
  const messageId = useId()
  const announced = announcedSecond(remainingSeconds)

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null
    stay.current?.focus()
    // Focus that leaves by other means than Tab (a click on the page behind, a script) comes back.
    const keepFocus = (event: FocusEvent) => {
      if (dialog.current && event.target instanceof Node && !dialog.current.contains(event.target)) stay.current?.focus()
    }
    document.addEventListener('focusin', keepFocus)
    return () => {
      document.removeEventListener('focusin', keepFocus)
      if (before?.isConnected) before.focus()
    }
  }, [])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      staySignedIn()
      return
    }
    if (event.key !== 'Tab' || !dialog.current) return
    const items = [...dialog.current.querySelectorAll<HTMLElement>(focusable)]
    const first = items[0]
    const last = items.at(-1)
    if (!first || !last) return
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault()
      first.focus()
    }
  }

  return (
    <div style={backdropStyle}>
      <div
        ref={dialog}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={messageId}
        className={className}
        style={className === undefined ? boxStyle : undefined}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>{title}</h2>
        <p id={messageId}>{children(formatCountdown(remainingSeconds), remainingSeconds)}</p>
        <div aria-live="polite" aria-atomic="true" style={visuallyHidden}>
          {children(formatCountdown(announced), announced)}
        </div>
        <button ref={stay} type="button" onClick={staySignedIn}>
          {staySignedInText}
        </button>{' '}
        <button
          type="button"
          onClick={() => {
            client.logout(logoutMode === undefined ? {} : { mode: logoutMode }).catch(() => {
              // Kept in the client's state as `error`, where the app shows it.
            })
          }}
        >
          {signOutText}
        </button>
      </div>
    </div>
  )
}
