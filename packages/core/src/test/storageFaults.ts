import { vi } from 'vitest'

type StorageName = 'sessionStorage' | 'localStorage'

/** The storages named are full: `setItem` throws QuotaExceededError there, and works elsewhere. */
export function fillStorage(...names: StorageName[]): void {
  const setItem = Storage.prototype.setItem
  vi.spyOn(Storage.prototype, 'setItem').mockImplementation(function (this: Storage, key: string, value: string) {
    if (names.some((name) => this === window[name])) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    setItem.call(this, key, value)
  })
}

/** The user blocks site data: reading `window.sessionStorage` / `window.localStorage` throws. */
export function blockStorage(...names: StorageName[]): void {
  for (const name of names) {
    vi.spyOn(window, name, 'get').mockImplementation(() => {
      throw new DOMException('Access is denied for this document.', 'SecurityError')
    })
  }
}
