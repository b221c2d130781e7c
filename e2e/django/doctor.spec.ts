import { runDoctor } from '@latchkey/cli'
import { expect, test } from './fixtures.js'
import { appOrigin, clientId, djangoIssuer } from './ports.js'

test.describe('latchkey doctor against django-oauth-toolkit', () => {
  test('reports what Django lacks, with the fix, and fails nothing a latchkey app needs', async () => {
    const results = await runDoctor({ authority: djangoIssuer, clientId, origin: appOrigin })
    const status = Object.fromEntries(results.map((result) => [result.name, result.status]))
    expect(status).toEqual({
      discovery: 'pass',
      issuer: 'pass',
      pkce: 'warn',
      cors: 'pass',
      refresh: 'warn',
      end_session: 'warn',
      revocation: 'warn',
      iss_parameter: 'warn',
      id_token_alg: 'pass',
      clock: 'pass',
    })
    const revocation = results.find((result) => result.name === 'revocation')
    expect(revocation?.fix).toContain('metadataSeed: { revocation_endpoint')
  })

  test('fails cors for an origin Django does not allow', async () => {
    const results = await runDoctor({ authority: djangoIssuer, clientId, origin: 'http://127.0.0.1:9449' })
    expect(results.find((result) => result.name === 'cors')?.status).toBe('fail')
  })
})
