import { describe, expect, it, vi } from 'vitest'
import { createAuthClient } from './createAuthClient.js'
import { loadApp, signInThroughIdp, stateWhere, testConfig, testIdp as idp } from './test/signInThroughIdp.js'

describe('lifecycle', () => {
  it('opens no channel and attaches no listener until started', () => {
    const channels = vi.spyOn(globalThis, 'BroadcastChannel')
    const listeners = vi.spyOn(window, 'addEventListener')
    const client = createAuthClient({ ...testConfig, navigate: () => undefined })
    client.getState()
    expect(channels).not.toHaveBeenCalled()
    expect(listeners).not.toHaveBeenCalled()
  })

  it('detaches from the page on dispose(), and start() after dispose() attaches again', async () => {
    await signInThroughIdp()
    const { client } = loadApp()
    await client.start()
    const other = loadApp().client
    await other.start()

    client.dispose()
    expect(client.getState().status).toBe('authenticated')
    await client.start()
    await other.logout({ mode: 'local', revoke: false })
    // Heard over the channel that start() opened again.
    await stateWhere(client, (state) => state.status === 'anonymous')
  })

  it('does not hear other tabs once disposed', async () => {
    await signInThroughIdp()
    const { client } = loadApp()
    await client.start()
    const [other, witness] = [loadApp().client, loadApp().client]
    await Promise.all([other.start(), witness.start()])
    client.dispose()
    await other.logout({ mode: 'local', revoke: false })
    // The witness hearing the broadcast shows it has been delivered.
    await stateWhere(witness, (state) => state.status === 'anonymous')
    expect(client.getState().status).toBe('authenticated')
  })

  it('works with its methods taken off the client', async () => {
    await signInThroughIdp()
    const { client } = loadApp()
    const { start, getState, subscribe, getAccessToken, renew, logout, peekAccessToken } = client
    await start()
    const changes = vi.fn()
    subscribe(changes)
    expect(getState().status).toBe('authenticated')
    expect(peekAccessToken()).toBe(await getAccessToken())
    await renew()
    await logout({ mode: 'local' })
    expect(getState().status).toBe('anonymous')
    expect(changes).toHaveBeenCalled()

    const { login } = loadApp().client
    await expect(login()).resolves.toBeUndefined()
  })
})
