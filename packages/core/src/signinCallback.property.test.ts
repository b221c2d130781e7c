import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { resolveConfig } from './resolveConfig.js'
import { isSigninCallback } from './signinCallback.js'

// jsdom runs at http://127.0.0.1:5173/, so the redirect URI resolves to http://127.0.0.1:5173/callback.
const config = resolveConfig({ authority: 'http://127.0.0.1:9', clientId: 'spa', navigate: () => undefined })
const numRuns = 300

function parses(href: string): boolean {
  try {
    new URL(href)
    return true
  } catch {
    return false
  }
}

// Spellings of the redirect URI's origin and path, and near misses of each.
const sameOrigins = ['http://127.0.0.1:5173', 'HTTP://127.0.0.1:5173', 'http://user:pw@127.0.0.1:5173']
const otherOrigins = ['https://127.0.0.1:5173', 'http://127.0.0.1:5174', 'http://localhost:5173', 'http://127.0.0.1', 'http://evil.com']
const samePaths = ['/callback', '/./callback', '/x/../callback', '/%2e/callback']
const otherPaths = ['/', '', '/callback/', '/callbacks', '/Callback', '/x/callback', '//callback', '/popup-callback.html']

const callbackKeys = ['state', 'code', 'error'] as const
const value = fc.string({ unit: 'grapheme' })
const otherKey = fc.oneof(
  fc.constantFrom('iss', 'session_state', 'error_description', 'scope', 'State', 'codes', ''),
  fc.string({ unit: 'grapheme' }).filter((k) => !(callbackKeys as readonly string[]).includes(k)),
)

interface Param {
  key: string
  value: string
  form: 'pair' | 'bare' | 'empty'
}

function param(key: fc.Arbitrary<string>): fc.Arbitrary<Param> {
  return fc.record({ key, value, form: fc.constantFrom('pair', 'bare', 'empty') })
}

function encode({ key, value: v, form }: Param): string {
  const k = encodeURIComponent(key)
  return form === 'pair' ? `${k}=${encodeURIComponent(v)}` : form === 'bare' ? k : `${k}=`
}

const callbackUrl = fc.record({
  sameOrigin: fc.boolean(),
  samePath: fc.boolean(),
  originIndex: fc.nat(),
  pathIndex: fc.nat(),
  params: fc.array(param(fc.oneof(fc.constantFrom(...callbackKeys), otherKey)), { maxLength: 6 }),
})
type CallbackUrl = typeof callbackUrl extends fc.Arbitrary<infer T> ? T : never

function pick(list: readonly string[], index: number): string {
  return list[index % list.length] as string
}

function href(url: CallbackUrl, params: readonly Param[] = url.params, fragment = ''): string {
  const base = pick(url.sameOrigin ? sameOrigins : otherOrigins, url.originIndex)
  const path = pick(url.samePath ? samePaths : otherPaths, url.pathIndex)
  const query = params.length > 0 ? `?${params.map(encode).join('&')}` : ''
  return `${base}${path}${query}${fragment}`
}

/** What isSigninCallback should say, from how the URL was built rather than from parsing it. */
function expected(url: CallbackUrl): boolean {
  const keys = new Set(url.params.map((p) => p.key))
  return url.sameOrigin && url.samePath && keys.has('state') && (keys.has('code') || keys.has('error'))
}

describe('isSigninCallback properties', () => {
  it('never throws for a string new URL accepts', () => {
    const scheme = fc.constantFrom('http:', 'https:', 'HTTP:', 'http://', 'http://127.0.0.1:5173', 'file:', 'blob:', 'data:', 'javascript:', 'mailto:', 'x-app:', 'ws:')
    const rest = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.array(fc.constantFrom('/', '.', '..', '%2e', '\\', '//', '?', '#', '@', ':', '=', '&', 'state', 'code', 'error', 'callback', '[', ']', '%'), { maxLength: 12 }).map((p) => p.join('')),
    )
    const anyUrl = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.tuple(scheme, rest).map(([s, r]) => `${s}${r}`),
      fc.string({ unit: 'binary' }),
    ).filter(parses)
    fc.assert(
      fc.property(anyUrl, (url) => {
        expect(typeof isSigninCallback(url, config)).toBe('boolean')
      }),
      { numRuns },
    )
  })

  it('is true only on the redirect path of the same origin, with state and code or error', () => {
    let matches = 0
    fc.assert(
      fc.property(callbackUrl, (url) => {
        const answer = isSigninCallback(href(url), config)
        if (answer) matches++
        expect(answer).toBe(expected(url))
      }),
      { numRuns },
    )
    // Both answers were exercised, not only the easy "false".
    expect(matches).toBeGreaterThan(0)
    expect(matches).toBeLessThan(numRuns)
  })

  it('gives the same answer whatever extra parameters or fragment the URL carries', () => {
    const fragment = fc.oneof(
      fc.constant(''),
      fc.string({ unit: 'binary' }).map((f) => `#${f}`),
      fc.constantFrom('#', '#state=s&code=c', '#?state=s&error=e', '#/callback?state=s&code=c'),
    )
    const extras = fc.array(fc.tuple(param(otherKey), fc.nat()), { maxLength: 4 })
    fc.assert(
      fc.property(callbackUrl, extras, fragment, (url, extra, frag) => {
        const params = [...url.params]
        for (const [p, at] of extra) params.splice(at % (params.length + 1), 0, p)
        const plain = isSigninCallback(href(url), config)
        expect(isSigninCallback(href(url, params, frag), config)).toBe(plain)
        expect(plain).toBe(expected(url))
      }),
      { numRuns },
    )
  })
})
