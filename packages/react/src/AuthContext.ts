import { createContext } from 'react'
import type { AuthClient } from '@latchkey/core'

/** Holds the client only, never the state: consumers subscribe to what they select. */
export const AuthContext = createContext<AuthClient | null>(null)
AuthContext.displayName = 'LatchkeyAuthContext'
