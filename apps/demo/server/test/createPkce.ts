import { createHash, randomBytes } from 'node:crypto'

export interface Pkce {
  codeVerifier: string
  codeChallenge: string
}

/** A PKCE S256 pair (RFC 7636). */
export function createPkce(): Pkce {
  const codeVerifier = randomBytes(32).toString('base64url')
  const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url')
  return { codeVerifier, codeChallenge }
}
