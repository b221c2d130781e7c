import { createAuthClient } from '@latchkey/react'
import { popup } from '@latchkey/react/popup'

export const auth = createAuthClient({
  authority: 'http://127.0.0.1:9450',
  clientId: 'smoke',
  features: [popup()],
  // The production build ends popups on the light page the plugin builds; dev uses the app's own /callback.
  ...(import.meta.env.PROD && { popupRedirectUri: '/popup-callback.html' }),
})
