import { createDemoApi, type DemoApi } from './createDemoApi.js'
import { DemoApiUsageError, parseDemoApiArgs, usage } from './parseDemoApiArgs.js'

export interface DemoApiCliIo {
  out(text: string): void
  error(text: string): void
  /** Resolves when the API should stop (SIGINT or SIGTERM in the real CLI). */
  waitForStop(): Promise<unknown>
}

/** Runs the demo API's command line and returns the exit code: 0, 1 (failed to start) or 2 (bad usage). */
export async function runDemoApiCli(args: readonly string[], io: DemoApiCliIo): Promise<number> {
  let command
  try {
    command = parseDemoApiArgs(args)
  } catch (error) {
    if (!(error instanceof DemoApiUsageError)) throw error
    io.error(`demo API: ${error.message}\nRun with --help for usage.`)
    return 2
  }
  if (command.kind === 'help') {
    io.out(usage)
    return 0
  }

  let api: DemoApi
  try {
    api = await createDemoApi(command.options)
  } catch (error) {
    if (isAddressInUse(error)) {
      io.error(`demo API: port ${command.options.port} on 127.0.0.1 is already in use; pick another with --port.`)
      return 1
    }
    throw error
  }
  io.out(`Latchkey demo API  ${api.url}/api  (tokens from ${command.options.issuer})\nPress Ctrl+C to stop.`)
  await io.waitForStop()
  await api.close()
  return 0
}

function isAddressInUse(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EADDRINUSE'
}
