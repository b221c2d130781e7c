import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'

// What an app's own test set-up does: without vitest globals, Testing Library cannot clean up by itself.
afterEach(() => {
  cleanup()
  window.history.replaceState(null, '', '/')
})
