import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMockIdp, type MockIdp } from '@latchkey/mock-idp'
import { runCli } from './runCli.js'

async function run(...argv: string[]) {
  const out: string[] = []
  const error: string[] = []
  const code = await runCli(argv, { out: (text) => out.push(text), error: (text) => error.push(text) })
  return { code, out, error }
}

describe('the latchkey command', () => {
  let idp: MockIdp
  beforeAll(async () => {
    idp = await createMockIdp({ clients: [{ clientId: 'spa', redirectUris: ['http://localhost:5173/callback'] }] })
  })
  afterAll(() => idp.close())

  it('urls prints each URI to register and the config that matches', async () => {
    const { code, out } = await run('urls', 'localhost:5173')
    expect(code).toBe(0)
    expect(out).toEqual([
      'Register at the identity provider for the app on http://localhost:5173 (a single-page app: public client, no secret, PKCE S256):',
      'Sign-in redirect URIs (redirect, popup and silent renewal):',
      '  http://localhost:5173/callback',
      'Post-logout redirect URIs:',
      '  http://localhost:5173/',
      '  http://localhost:5173/callback',
      'Web origins (CORS for the token, revocation and userinfo endpoints):',
      '  http://localhost:5173',
      "latchkey config to match: redirectUri: '/callback', postLogoutRedirectUri: '/'",
    ])
  })

  it('urls takes --secure and --base', async () => {
    const { out } = await run('urls', 'app.example.com', '--secure', '--base', '/portal/')
    expect(out).toContain('  https://app.example.com/portal/callback')
    expect(out.at(-1)).toBe("latchkey config to match: redirectUri: '/portal/callback', postLogoutRedirectUri: '/portal/'")
  })

  it('doctor prints one line per check and exits 0 when none fails', async () => {
    const { code, out } = await run('doctor', idp.issuer, '--client-id', 'spa', '--origin', 'http://localhost:5173')
    expect(code).toBe(0)
    expect(out).toHaveLength(10)
    expect(out.every((line) => line.startsWith('PASS  '))).toBe(true)
  })

  it('doctor exits 1 when a check fails, and the line says the fix', async () => {
    const { code, out } = await run('doctor', idp.issuer, '--client-id', 'spa', '--origin', 'https://elsewhere.example')
    expect(code).toBe(1)
    expect(out.find((line) => line.startsWith('FAIL  cors'))).toMatch(/— fix: add https:\/\/elsewhere\.example to the client's web origins/)
  })

  it('exits 2 with the usage for a command it does not know or missing flags', async () => {
    expect(await run('doctor', idp.issuer)).toMatchObject({ code: 2, error: [expect.stringMatching(/needs <authority>, --client-id and --origin[\s\S]*Usage:/)] })
    expect(await run('register')).toMatchObject({ code: 2, error: [expect.stringMatching(/unknown command "register"/)] })
  })
})
