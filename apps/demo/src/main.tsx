import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { BrowserRouter } from 'react-router'
import { AuthProvider } from '@latchkey/react'
import { App } from './App.js'
import { auth } from './auth.js'
import './styles.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

createRoot(root).render(
  <StrictMode>
    {/* Outside the router: on /callback it shows this instead, so the router never sees the code. */}
    <AuthProvider client={auth} callbackFallback={<p aria-live="polite">Signing you in…</p>}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </AuthProvider>
  </StrictMode>,
)
