import { createAuthClient } from '@latchkey/react'
import { popup } from '@latchkey/react/popup'

export const auth = createAuthClient({
  authority: 'http://127.0.0.1:9450',
  clientId: 'smoke',
  features: [popup()],
})
