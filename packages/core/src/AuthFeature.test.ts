import { describe, expect, it, vi } from 'vitest'
import { authFetch } from './authFetch.js'
import { createAuthClient } from './createAuthClient.js'
import { popup } from './popup.js'
import { loadApp, signInThroughIdp, testConfig } from './test/signInThroughIdp.js'

const noFeatures = { features: [] }

describe('features an app did not add', () => {
  it('fail at creation when an option needs them, saying what to add', () => {
    const build = (config: Parameters<typeof createAuthClient>[0]) => () => createAuthClient(config)
    expect(build({ ...testConfig, ...noFeatures, storage: 'local' })).toThrow(/tab-sync.*import \{ tabSync \} from '@latchkey\/core\/tab-sync'/)
    expect(build({ ...testConfig, ...noFeatures, shareSession: true })).toThrow(/tabSync\(\)/)
    expect(build({ ...testConfig, features: [authFetch()], stepUp: 'popup' })).toThrow(/import \{ popup \} from '@latchkey\/core\/popup'/)
    expect(build({ ...testConfig, ...noFeatures, popupFallback: 'redirect' })).toThrow(/popup\(\)/)
    expect(build({ ...testConfig, features: [popup(), authFetch()], stepUp: 'popup' })).not.toThrow()
  })

  it('reject with a config error, never a silent no-op, when called', async () => {
    const opened = vi.spyOn(window, 'open')
    const { client, navigate } = loadApp(noFeatures)
    await client.start()
    await expect(client.login({ mode: 'popup' })).rejects.toMatchObject({ code: 'config', message: expect.stringMatching(/@latchkey\/core\/popup/) })
    await expect(client.logout({ mode: 'popup' })).rejects.toMatchObject({ code: 'config' })
    await expect(client.fetch('/api/orders')).rejects.toMatchObject({ code: 'config', message: expect.stringMatching(/@latchkey\/core\/fetch/) })
    expect(opened).not.toHaveBeenCalled()
    expect(navigate).not.toHaveBeenCalled()
  })

  it('leave redirect sign-in, restore and renewal by refresh token working', async () => {
    await signInThroughIdp()
    const { client } = loadApp(noFeatures)
    await client.start()
    expect(client.getState()).toMatchObject({ status: 'authenticated', error: null })
    await client.renew()
    expect(client.getState()).toMatchObject({ status: 'authenticated', error: null })
    await client.logout({ mode: 'local' })
    expect(client.getState().status).toBe('anonymous')
  })

  it('end a session without a refresh token with a message that names silent renewal', async () => {
    await signInThroughIdp({ clientId: 'spa-no-refresh' })
    const { client } = loadApp({ ...noFeatures, clientId: 'spa-no-refresh' })
    await client.start()
    await expect(client.renew()).rejects.toMatchObject({ code: 'refresh_failed', message: expect.stringMatching(/@latchkey\/core\/silent-renewal/) })
  })
})
