import { describe, expect, it } from 'vitest'
import { idTokenSignature } from './idTokenSignature.js'
import { allFeatures, loadApp, signInThroughIdp, testIdp as idp } from './test/signInThroughIdp.js'

const verifying = { features: [...allFeatures, idTokenSignature()] }

async function completeSignIn(config: Parameters<typeof loadApp>[0]) {
  await signInThroughIdp()
  const { client } = loadApp(config)
  await client.start()
  return client
}

describe('ID token signature, with the idTokenSignature feature', () => {
  it('signs in with a token signed by the IdP', async () => {
    const client = await completeSignIn(verifying)
    expect(client.getState()).toMatchObject({ status: 'authenticated', error: null })
  })

  it('refuses a token whose signature does not verify, and builds no session', async () => {
    await idp.setFault('id_token_bad_signature')
    const client = await completeSignIn(verifying)
    expect(client.getState()).toMatchObject({ status: 'anonymous', user: null })
    expect(client.getState().error?.code).toBe('invalid_token')
    expect(client.getState().error?.message).toMatch(/signature/)
    expect(JSON.stringify({ ...window.sessionStorage })).not.toMatch(/accessToken/)
  })

  it('signs in after the IdP rotated its key, fetching its keys again', async () => {
    await idp.setFault('id_token_key_rotated')
    const client = await completeSignIn(verifying)
    expect(client.getState()).toMatchObject({ status: 'authenticated', error: null })
  })

  it('checks the signature of a renewed ID token too', async () => {
    const client = await completeSignIn(verifying)
    await idp.setFault('id_token_bad_signature')
    await expect(client.renew()).rejects.toMatchObject({ code: 'refresh_failed' })
    expect(client.getState().status).toBe('anonymous')
  })
})

describe('userinfo', () => {
  it('refuses userinfo claims for another subject', async () => {
    await idp.setFault('userinfo_wrong_sub')
    const client = await completeSignIn({ loadUserInfo: true })
    expect(client.getState().status).toBe('anonymous')
    expect(client.getState().error?.code).toBe('invalid_token')
  })
})
