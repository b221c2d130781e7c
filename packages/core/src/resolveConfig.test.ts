import { describe, expect, it } from 'vitest'
import { AuthError } from './AuthError.js'
import { createAuthClient } from './createAuthClient.js'
import type { AuthClientConfig } from './AuthClientConfig.js'

function configErrorOf(config: unknown): AuthError {
  try {
    createAuthClient(config as AuthClientConfig)
  } catch (err) {
    expect(err).toBeInstanceOf(AuthError)
    expect((err as AuthError).code).toBe('config')
    return err as AuthError
  }
  throw new Error('expected createAuthClient to throw')
}

describe('createAuthClient config checks', () => {
  it('rejects a missing authority and says what to set', () => {
    expect(configErrorOf({ clientId: 'spa' }).message).toMatch(/"authority" is missing.*issuer URL/)
  })

  it('rejects a missing clientId', () => {
    expect(configErrorOf({ authority: 'https://idp.example.com' }).message).toMatch(/"clientId" is missing/)
  })

  it('rejects an authority that is not a URL', () => {
    expect(configErrorOf({ authority: 'idp.example.com', clientId: 'spa' }).message).toMatch(/not an absolute URL/)
  })

  it('rejects the implicit flow and points to code with PKCE', () => {
    const error = configErrorOf({ authority: 'https://idp.example.com', clientId: 'spa', responseType: 'id_token token' })
    expect(error.message).toMatch(/authorization code flow with PKCE/)
  })

  it('rejects the hybrid flow given in oidc-client-ts spelling', () => {
    expect(configErrorOf({ authority: 'https://idp.example.com', clientId: 'spa', response_type: 'code id_token' }).message).toMatch(
      /implicit and hybrid/,
    )
  })

  it('rejects a client secret because a browser cannot keep one', () => {
    expect(configErrorOf({ authority: 'https://idp.example.com', clientId: 'spa', clientSecret: 's3cret' }).message).toMatch(
      /cannot keep a client secret.*public client/,
    )
  })

  it('rejects a redirect URI on another origin', () => {
    const error = configErrorOf({ authority: 'https://idp.example.com', clientId: 'spa', redirectUri: 'https://evil.example/callback' })
    expect(error.message).toMatch(/is on https:\/\/evil\.example.*Use a path on this app/)
  })

  it('rejects plain http for an authority that is not loopback', () => {
    expect(configErrorOf({ authority: 'http://idp.example.com', clientId: 'spa' }).message).toMatch(/must use https/)
  })

  it('accepts plain http on localhost and 127.0.0.1', () => {
    expect(() => createAuthClient({ authority: 'http://127.0.0.1:9400', clientId: 'spa' })).not.toThrow()
    expect(() => createAuthClient({ authority: 'http://localhost:9400', clientId: 'spa' })).not.toThrow()
  })

  it('rejects an unknown storage kind', () => {
    const config = { authority: 'https://idp.example.com', clientId: 'spa', storage: 'cookie' }
    expect(configErrorOf(config).message).toMatch(/storage "cookie"/)
  })

  describe('metadata and metadataSeed', () => {
    const authority = 'https://idp.example.com'
    const document = {
      issuer: authority,
      authorization_endpoint: `${authority}/authorize`,
      token_endpoint: `${authority}/token`,
    }

    it('accepts a whole document for the authority, and a seed of endpoints', () => {
      expect(() => createAuthClient({ authority, clientId: 'spa', metadata: document })).not.toThrow()
      const metadataSeed = { revocation_endpoint: `${authority}/o/revoke_token/`, end_session_endpoint: 'http://127.0.0.1:9400/logout' }
      expect(() => createAuthClient({ authority, clientId: 'spa', metadataSeed })).not.toThrow()
    })

    it('rejects a document whose issuer is not the authority, naming both', () => {
      const { message } = configErrorOf({ authority, clientId: 'spa', metadata: { ...document, issuer: `${authority}/` } })
      expect(message).toContain(`metadata.issuer "${authority}/" differs from authority "${authority}"`)
    })

    it('rejects a seed whose issuer is not the authority', () => {
      expect(configErrorOf({ authority, clientId: 'spa', metadataSeed: { issuer: 'https://other.example' } }).message).toMatch(/metadataSeed\.issuer/)
    })

    it('rejects an endpoint that is relative, or plain http off loopback, naming the field', () => {
      expect(configErrorOf({ authority, clientId: 'spa', metadataSeed: { revocation_endpoint: '/o/revoke_token/' } }).message).toMatch(
        /metadataSeed\.revocation_endpoint "\/o\/revoke_token\/" must be an absolute https URL/,
      )
      expect(configErrorOf({ authority, clientId: 'spa', metadata: { ...document, jwks_uri: 'http://idp.example.com/jwks' } }).message).toMatch(
        /metadata\.jwks_uri .* must be an absolute https URL/,
      )
    })

    it('rejects a whole document without a token endpoint and points to metadataSeed', () => {
      const { token_endpoint: _, ...partial } = document
      expect(configErrorOf({ authority, clientId: 'spa', metadata: partial }).message).toMatch(/lacks token_endpoint.*use metadataSeed/)
    })
  })
})
