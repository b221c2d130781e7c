import type { CheckResult, IdpFacts } from './DoctorCheck.js'

/** latchkey's default clockSkewSeconds: ID token times may be this far off. */
const defaultSkewSeconds = 300
/** The Date header counts whole seconds, and the request takes some: closer than this is in step. */
const inStepSeconds = 30

/** How far this machine's clock is from the IdP's, from the IdP's Date header. */
export function checkClock({ clockOffsetSeconds: offset }: IdpFacts): CheckResult {
  if (offset === null) return { name: 'clock', status: 'warn', detail: 'the IdP sent no readable Date header', fix: 'compare the clocks by hand if ID tokens are refused for their times' }
  const rounded = Math.round(offset)
  const side = rounded >= 0 ? 'ahead of' : 'behind'
  const detail = `the IdP's clock is ${Math.abs(rounded)} s ${side} this machine's`
  if (Math.abs(offset) <= inStepSeconds) return { name: 'clock', status: 'pass', detail }
  if (Math.abs(offset) <= defaultSkewSeconds) {
    return { name: 'clock', status: 'warn', detail: `${detail}, within latchkey's default clockSkewSeconds (${defaultSkewSeconds})`, fix: 'set the clocks by NTP' }
  }
  return {
    name: 'clock',
    status: 'fail',
    detail: `${detail}, beyond latchkey's default clockSkewSeconds (${defaultSkewSeconds}): ID tokens will be refused for their times`,
    fix: `set the clocks by NTP; for devices whose clock drifts (kiosks) raise clockSkewSeconds above ${Math.abs(rounded)}`,
  }
}
