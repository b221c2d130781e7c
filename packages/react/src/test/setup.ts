import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'
import { disposeApps } from '../../../core/src/test/signInThroughIdp.js'

// React 18 warns unless the environment declares it runs act(); React 19 reads the same flag.
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

afterEach(() => {
  cleanup()
  disposeApps()
  window.sessionStorage.clear()
  window.localStorage.clear()
})
