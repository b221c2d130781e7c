import { Link } from 'react-router'
import { useAuth } from '@latchkey/react'

/** Shown for the moment the code is redeemed; the client then replaces the URL with where the user was going. */
export function CallbackPage() {
  const status = useAuth((state) => (state.pending === 'callback' || state.status === 'loading' ? 'working' : 'done'))
  if (status === 'working') return <p aria-live="polite">Signing you in…</p>
  return <Link to="/">Continue</Link>
}
