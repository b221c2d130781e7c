import { useCallback, useRef, useSyncExternalStore } from 'react'
import type { AuthClient, AuthState } from '@latchkey/core'

interface Selection<T> {
  state: AuthState
  selector: (state: AuthState) => T
  value: T
}

/**
 * useSyncExternalStore with a selector: the component re-renders only when the selected value changes
 * (by `Object.is`), and an inline selector that builds a new array or object each time does not loop,
 * because the previous value is reused while the state is the same object.
 */
export function useAuthSelector<T>(client: AuthClient, selector: (state: AuthState) => T): T {
  const last = useRef<Selection<T> | null>(null)
  const getSelection = (): T => {
    const state = client.getState()
    const previous = last.current
    if (previous && previous.state === state && previous.selector === selector) return previous.value
    const value = selector(state)
    last.current = { state, selector, value: previous && Object.is(previous.value, value) ? previous.value : value }
    return last.current.value
  }
  const subscribe = useCallback((listener: () => void) => client.subscribe(listener), [client])
  return useSyncExternalStore(subscribe, getSelection, getSelection)
}
