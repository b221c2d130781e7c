import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { callbackChannelName } from './callbackChannel.js'
import { runPopup } from './runPopup.js'
import { trackListeners } from './test/trackListeners.js'
import { useIdleFakeTimers } from './test/useIdleFakeTimers.js'

const idpUrl = 'https://idp.example/authorize?state=state-1'
const callbackUrl = (state: string) => `${window.location.origin}/callback?code=code-1&state=${state}`
const minute = 60_000

let windowListeners: (type: string) => number
let channelListeners: (type: string) => number
let signalListeners: (type: string) => number
let controller: AbortController

beforeEach(async () => {
  await useIdleFakeTimers()
  windowListeners = trackListeners(window)
  channelListeners = trackListeners(BroadcastChannel.prototype)
  controller = new AbortController()
  signalListeners = trackListeners(controller.signal)
})

afterEach(() => {
  // Closes the callback channel of a run a test left waiting.
  controller.abort()
})

/** A popup window handle as `window.open` returns it; the user closes it with `close()`. */
function fakePopup() {
  return {
    closed: false,
    location: { href: '' },
    close: vi.fn(function (this: { closed: boolean }) {
      this.closed = true
    }),
  }
}

function start(popup = fakePopup()) {
  const run = runPopup(popup as unknown as Window, idpUrl, 'state-1', controller.signal)
  // A test that ends with the run waiting must not report an unhandled rejection.
  run.result.catch(() => undefined)
  return { popup, run }
}

/** The callback page in the popup, posting to its opener. */
function postFromCallbackPage(url: string, origin = window.location.origin) {
  window.dispatchEvent(new MessageEvent('message', { data: { type: 'latchkey:callback', url }, origin }))
}

/** Whether `promise` is still pending once everything due by now has run. */
async function isPending(promise: Promise<unknown>): Promise<boolean> {
  await vi.advanceTimersByTimeAsync(0)
  return Promise.race([promise.then(() => false, () => false), Promise.resolve(true)])
}

function expectNothingLeft() {
  expect(vi.getTimerCount()).toBe(0)
  expect(windowListeners('message')).toBe(0)
  expect(channelListeners('message')).toBe(0)
  expect(signalListeners('abort')).toBe(0)
}

describe('runPopup', () => {
  it("loads the IdP's page in the popup", () => {
    const { popup } = start()
    expect(popup.location.href).toBe(idpUrl)
  })

  it('settles with the callback URL, closes the popup, and leaves no timer or listener behind', async () => {
    const { popup, run } = start()
    expect([vi.getTimerCount(), windowListeners('message'), channelListeners('message'), signalListeners('abort')]).toEqual([2, 1, 1, 1])
    postFromCallbackPage(callbackUrl('state-1'))
    await expect(run.result).resolves.toBe(callbackUrl('state-1'))
    await expect(run.late).resolves.toBe(callbackUrl('state-1'))
    expect(popup.close).toHaveBeenCalledTimes(1)
    expectNothingLeft()
  })

  it('takes the result the callback page broadcasts when the IdP cut the popup off from its opener', async () => {
    const { run } = start()
    const callbackPage = new BroadcastChannel(callbackChannelName)
    callbackPage.postMessage({ type: 'latchkey:callback', url: callbackUrl('state-1') })
    callbackPage.close()
    await expect(run.result).resolves.toBe(callbackUrl('state-1'))
    expectNothingLeft()
  })

  it.each([
    ['another origin', callbackUrl('state-1'), 'https://evil.example'],
    ['another sign-in', callbackUrl('state-2'), window.location.origin],
  ])('ignores a result from %s', async (_, url, origin) => {
    const { run } = start()
    postFromCallbackPage(url, origin)
    expect(await isPending(run.result)).toBe(true)
    postFromCallbackPage(callbackUrl('state-1'))
    await expect(run.result).resolves.toBe(callbackUrl('state-1'))
  })

  describe('when the user closes the popup', () => {
    beforeEach(() => {
      vi.spyOn(document, 'hasFocus').mockReturnValue(true)
    })

    it('fails with popup_closed once this window has had the focus back for a moment', async () => {
      const { popup, run } = start()
      popup.closed = true
      const outcome = expect(run.result).rejects.toMatchObject({ code: 'popup_closed' })
      await vi.advanceTimersByTimeAsync(750)
      expect(await isPending(run.result)).toBe(true)
      await vi.advanceTimersByTimeAsync(250)
      await outcome
    })

    it('still takes a result that arrives after the popup counted as closed, and then leaves nothing behind', async () => {
      const { popup, run } = start()
      popup.closed = true
      await vi.advanceTimersByTimeAsync(1000)
      await expect(run.result).rejects.toMatchObject({ code: 'popup_closed' })
      postFromCallbackPage(callbackUrl('state-1'))
      await expect(run.late).resolves.toBe(callbackUrl('state-1'))
      expectNothingLeft()
    })

    it('stops waiting for a late result once the signal aborts (a sign-out, a dispose)', async () => {
      const { popup, run } = start()
      popup.closed = true
      await vi.advanceTimersByTimeAsync(1000)
      controller.abort()
      expectNothingLeft()
      postFromCallbackPage(callbackUrl('state-1'))
      expect(await isPending(run.late)).toBe(true)
    })

    it('stops waiting for a late result after fifteen minutes, and lets go of the signal', async () => {
      const { popup, run } = start()
      popup.closed = true
      await vi.advanceTimersByTimeAsync(15 * minute)
      postFromCallbackPage(callbackUrl('state-1'))
      expect(await isPending(run.late)).toBe(true)
      expectNothingLeft()
    })
  })
})
