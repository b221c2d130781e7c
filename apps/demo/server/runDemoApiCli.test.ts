import { describe, expect, it } from 'vitest'

import { runDemoApiCli, type DemoApiCliIo } from './runDemoApiCli.js'

function recordingIo(): DemoApiCliIo & { output: string[]; errors: string[]; stop(): void } {
  const output: string[] = []
  const errors: string[] = []
  let stop = () => {}
  const stopped = new Promise<void>((resolve) => {
    stop = resolve
  })
  return { output, errors, out: (text) => output.push(text), error: (text) => errors.push(text), waitForStop: () => stopped, stop: () => stop() }
}

describe('runDemoApiCli', () => {
  it.each([
    [['--port', 'eighty'], '--port must be a whole number'],
    [['--port', '70000'], '--port must be a whole number'],
    [['--issuer', 'idp.example.com'], '--issuer must be an absolute http(s) URL'],
    [['--verbose'], "Unknown option '--verbose'"],
    [['extra'], 'extra'],
  ])('exits 2 with a message for %j', async (args, message) => {
    const io = recordingIo()
    expect(await runDemoApiCli(args, io)).toBe(2)
    expect(io.errors.join('\n')).toContain(message)
    expect(io.output).toEqual([])
  })

  it('prints usage for --help', async () => {
    const io = recordingIo()
    expect(await runDemoApiCli(['--help'], io)).toBe(0)
    expect(io.output.join('\n')).toContain('Usage:')
  })

  it('prints the URL, serves until told to stop, then closes', async () => {
    const io = recordingIo()
    const exitCode = runDemoApiCli(['--port', '0', '--issuer', 'http://127.0.0.1:9400'], io)
    await expect.poll(() => io.output.length).toBe(1)
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(io.output[0] ?? '')?.[0]
    expect(url).toBeDefined()
    expect((await fetch(`${url}/api/__journal`)).status).toBe(200)
    io.stop()
    expect(await exitCode).toBe(0)
    await expect(fetch(`${url}/api/__journal`)).rejects.toThrow()
  })

  it('exits 1 when the port is taken', async () => {
    const first = recordingIo()
    const running = runDemoApiCli(['--port', '0'], first)
    await expect.poll(() => first.output.length).toBe(1)
    const port = /127\.0\.0\.1:(\d+)/.exec(first.output[0] ?? '')?.[1] ?? ''
    const second = recordingIo()
    expect(await runDemoApiCli(['--port', port], second)).toBe(1)
    expect(second.errors.join('\n')).toContain(`port ${port} on 127.0.0.1 is already in use`)
    first.stop()
    await running
  })
})
