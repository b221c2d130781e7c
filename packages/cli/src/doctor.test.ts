import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createMockIdp, type MockFault, type MockIdp } from '@latchkey/mock-idp'
import { runDoctor } from './doctor/runDoctor.js'
import type { CheckResult } from './doctor/DoctorCheck.js'

const origin = 'http://127.0.0.1:5173'

function statuses(results: readonly CheckResult[]): Record<string, string> {
  return Object.fromEntries(results.map((result) => [result.name, result.status]))
}

describe('latchkey doctor against the mock IdP', () => {
  let idp: MockIdp
  beforeAll(async () => {
    idp = await createMockIdp({ clients: [{ clientId: 'spa', redirectUris: [`${origin}/callback`] }] })
  })
  afterAll(() => idp.close())
  afterEach(() => idp.clearFaults())

  const doctor = (options: { origin?: string; authority?: string } = {}) => runDoctor({ authority: idp.issuer, clientId: 'spa', origin, ...options })

  it('passes every check for an IdP set up for a latchkey app', async () => {
    const results = await doctor()
    expect(results.map((result) => result.name)).toEqual(['discovery', 'issuer', 'pkce', 'cors', 'refresh', 'end_session', 'revocation', 'iss_parameter', 'id_token_alg', 'clock'])
    expect(results.filter((result) => result.status !== 'pass')).toEqual([])
  })

  const faults: [MockFault, string, 'warn' | 'fail'][] = [
    ['discovery_issuer_mismatch', 'issuer', 'fail'],
    ['discovery_pkce_plain_only', 'pkce', 'fail'],
    ['discovery_without_refresh_grant', 'refresh', 'warn'],
    ['offline_access_unsupported', 'refresh', 'warn'],
    ['discovery_without_end_session', 'end_session', 'warn'],
    ['discovery_without_revocation', 'revocation', 'warn'],
    ['discovery_without_iss_parameter', 'iss_parameter', 'warn'],
    ['discovery_id_token_hs256_only', 'id_token_alg', 'fail'],
    ['date_header_ahead', 'clock', 'fail'],
  ]
  for (const [fault, check, status] of faults) {
    it(`${fault}: ${check} is ${status}, with a fix, and every other check passes`, async () => {
      idp.setFault(fault)
      const results = await doctor()
      const { [check]: found, ...others } = statuses(results)
      expect(found).toBe(status)
      expect(Object.values(others).every((other) => other === 'pass')).toBe(true)
      expect(results.find((result) => result.name === check)?.fix).toEqual(expect.any(String))
    })
  }

  it('names both issuers and the fix when they differ', async () => {
    idp.setFault('discovery_issuer_mismatch')
    const issuer = (await doctor()).find((result) => result.name === 'issuer')
    expect(issuer?.detail).toContain(`"${idp.issuer}/"`)
    expect(issuer?.detail).toContain(`the authority is "${idp.issuer}"`)
    expect(issuer?.fix).toBe(`set authority: "${idp.issuer}/" if that is your IdP`)
  })

  it('fails cors, alone, for an origin the client did not register', async () => {
    const { cors, ...others } = statuses(await doctor({ origin: 'http://127.0.0.1:5999' }))
    expect(cors).toBe('fail')
    expect(Object.values(others).every((other) => other === 'pass')).toBe(true)
  })

  it('fails discovery and skips the rest when the document cannot be read', async () => {
    idp.setFault('discovery_500')
    const results = await doctor()
    expect(results[0]).toMatchObject({ name: 'discovery', status: 'fail', detail: expect.stringContaining('answered 500') })
    expect(results.slice(1).every((result) => result.status === 'skip')).toBe(true)
  })

  it('says how far off the IdP\'s clock is', async () => {
    idp.setFault('date_header_ahead')
    const clock = (await doctor()).find((result) => result.name === 'clock')
    expect(clock?.detail).toMatch(/the IdP's clock is (59\d|60\d) s ahead of this machine's/)
    expect(clock?.fix).toMatch(/raise clockSkewSeconds/)
  })
})
