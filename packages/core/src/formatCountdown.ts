/** `3:00`, `0:45`: whole seconds left, rounded up and never below zero, as a countdown shows them. */
export function formatCountdown(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds))
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`
}
