import { vi } from 'vitest'

/**
 * Counts the listeners added to `target` (a window, a signal, or a prototype such as
 * `BroadcastChannel.prototype`) and not removed since: what a part leaves behind after it settles.
 */
export function trackListeners(target: EventTarget): (type: string) => number {
  const active = new Map<string, Set<unknown>>()
  const add = target.addEventListener
  const remove = target.removeEventListener
  vi.spyOn(target, 'addEventListener').mockImplementation(function (this: EventTarget, type, listener, options) {
    if (!active.has(type)) active.set(type, new Set())
    active.get(type)?.add(listener)
    // A `once` listener is gone after it fires, with no removeEventListener call.
    if (typeof options === 'object' && options.once) add.call(this, type, () => active.get(type)?.delete(listener), { once: true })
    return add.call(this, type, listener, options)
  })
  vi.spyOn(target, 'removeEventListener').mockImplementation(function (this: EventTarget, type, listener, options) {
    active.get(type)?.delete(listener)
    return remove.call(this, type, listener, options)
  })
  return (type) => active.get(type)?.size ?? 0
}
