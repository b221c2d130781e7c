import { relayAuthCallback } from '@latchkey/core'

relayAuthCallback()
