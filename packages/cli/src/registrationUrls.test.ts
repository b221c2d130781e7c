import { describe, expect, it } from 'vitest'
import { registrationUrls } from './registrationUrls.js'

describe('registrationUrls', () => {
  it('gives latchkey\'s default URIs for a dev server on localhost, over http', () => {
    expect(registrationUrls({ host: 'localhost:5173' })).toEqual({
      origin: 'http://localhost:5173',
      // Popup sign-in and sign-out come back to the same /callback, latchkey's default.
      redirectUris: ['http://localhost:5173/callback'],
      postLogoutRedirectUris: ['http://localhost:5173/', 'http://localhost:5173/callback'],
      webOrigins: ['http://localhost:5173'],
    })
  })

  it('uses https for any other host, and for loopback with secure', () => {
    expect(registrationUrls({ host: 'app.example.com' }).redirectUris[0]).toBe('https://app.example.com/callback')
    expect(registrationUrls({ host: '127.0.0.1:4173', secure: true }).origin).toBe('https://127.0.0.1:4173')
  })

  it('puts the URIs under the base path an app is served from', () => {
    const urls = registrationUrls({ host: 'app.example.com', base: 'portal' })
    expect(urls.redirectUris).toEqual(['https://app.example.com/portal/callback'])
    expect(urls.postLogoutRedirectUris[0]).toBe('https://app.example.com/portal/')
    expect(urls.webOrigins).toEqual(['https://app.example.com'])
  })

  it('lists a light popup callback page of its own when the app has one', () => {
    const urls = registrationUrls({ host: 'app.example.com', popupRedirectPath: 'popup-callback.html' })
    expect(urls.redirectUris).toEqual(['https://app.example.com/callback', 'https://app.example.com/popup-callback.html'])
    expect(urls.postLogoutRedirectUris).toEqual(['https://app.example.com/', 'https://app.example.com/popup-callback.html'])
  })

  it('takes the paths an app configured, an absolute path ignoring the base', () => {
    const urls = registrationUrls({ host: 'app.example.com', base: '/portal/', redirectPath: '/auth/done', postLogoutRedirectPath: 'bye' })
    expect(urls.redirectUris[0]).toBe('https://app.example.com/auth/done')
    expect(urls.postLogoutRedirectUris[0]).toBe('https://app.example.com/portal/bye')
  })

  it('refuses what is not a host, saying what to pass', () => {
    expect(() => registrationUrls({ host: 'http://' })).toThrow(/not a host.*localhost:5173/)
  })
})
