import { parseArgs } from 'node:util'

import type { DemoApiOptions } from './createDemoApi.js'

export const usage = `Usage: node apps/demo/dist-server/cli.js [options]

Starts the Latchkey demo API on 127.0.0.1 until Ctrl+C. It accepts JWT access tokens from the
issuer and answers under /api: GET /api/me, GET /api/orders (orders:read), POST /api/orders
(orders:write).

Options:
  --port N          Port on 127.0.0.1 (default 4001; 0 picks a free one).
  --issuer URL      The IdP's issuer (default http://127.0.0.1:9400).
  --audience AUD    The aud tokens must carry (default urn:latchkey:api).
  -h, --help        Show this help.`

/** A command line that cannot be run; the message says what is wrong. */
export class DemoApiUsageError extends Error {
  override readonly name = 'DemoApiUsageError'
}

export type DemoApiCommand = { kind: 'help' } | { kind: 'run'; options: DemoApiOptions & { port: number } }

const defaults = { port: 4001, issuer: 'http://127.0.0.1:9400' }

const flags = {
  port: { type: 'string' },
  issuer: { type: 'string' },
  audience: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

/** Turns the demo API's command-line arguments into `createDemoApi` options. */
export function parseDemoApiArgs(args: readonly string[]): DemoApiCommand {
  const values = readFlags(args)
  if (values.help) return { kind: 'help' }

  const port = values.port ?? String(defaults.port)
  if (!/^\d+$/.test(port) || Number(port) > 65535) {
    throw new DemoApiUsageError(`--port must be a whole number from 0 to 65535, got "${port}"`)
  }
  const issuer = values.issuer ?? defaults.issuer
  const issuerUrl = URL.parse(issuer)
  if (!issuerUrl || (issuerUrl.protocol !== 'http:' && issuerUrl.protocol !== 'https:')) {
    throw new DemoApiUsageError(`--issuer must be an absolute http(s) URL, got "${issuer}"`)
  }
  if (values.audience === '') throw new DemoApiUsageError('--audience must not be empty')
  const options: DemoApiOptions & { port: number } = { issuer, port: Number(port) }
  if (values.audience !== undefined) options.audience = values.audience
  return { kind: 'run', options }
}

function readFlags(args: readonly string[]) {
  try {
    return parseArgs({ args: [...args], options: flags, strict: true, allowPositionals: false }).values
  } catch (cause) {
    throw new DemoApiUsageError(cause instanceof Error ? cause.message : String(cause), { cause })
  }
}
