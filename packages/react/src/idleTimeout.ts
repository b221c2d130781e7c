/**
 * The idle timeout feature for React: `idleTimeout()` and everything else of
 * `@latchkey/core/idle-timeout`, with `useIdle()` and `<IdleWarning>`.
 *
 * @module @latchkey/react/idle-timeout
 */
export * from '@latchkey/core/idle-timeout'
export { useIdle, type UseIdleResult } from './useIdle.js'
export { IdleWarning, type IdleWarningProps } from './IdleWarning.js'
