import { parseArgs } from 'node:util'
import { formatReport } from './doctor/formatReport.js'
import { runDoctor } from './doctor/runDoctor.js'
import { formatUrls } from './formatUrls.js'
import { registrationUrls } from './registrationUrls.js'

export interface CliIo {
  out(text: string): void
  error(text: string): void
}

const usage = [
  'Usage:',
  '  latchkey urls <host> [--secure] [--base PATH] [--redirect-uri PATH] [--popup-redirect-uri PATH] [--post-logout-redirect-uri PATH]',
  '      what to register at the IdP for the app on <host> (e.g. localhost:5173, app.example.com)',
  '  latchkey doctor <authority> --client-id ID --origin URL [--timeout SECONDS]',
  '      checks the IdP at <authority> for a latchkey app on URL; exit code 1 when a check fails',
].join('\n')

function urls(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      secure: { type: 'boolean' },
      base: { type: 'string' },
      'redirect-uri': { type: 'string' },
      'popup-redirect-uri': { type: 'string' },
      'post-logout-redirect-uri': { type: 'string' },
    },
  })
  const [host] = positionals
  if (host === undefined || positionals.length > 1) throw new TypeError('latchkey urls takes one host, e.g. latchkey urls localhost:5173')
  const lines = formatUrls(
    registrationUrls({
      host,
      ...(values.secure !== undefined && { secure: values.secure }),
      ...(values.base !== undefined && { base: values.base }),
      ...(values['redirect-uri'] !== undefined && { redirectPath: values['redirect-uri'] }),
      ...(values['popup-redirect-uri'] !== undefined && { popupRedirectPath: values['popup-redirect-uri'] }),
      ...(values['post-logout-redirect-uri'] !== undefined && { postLogoutRedirectPath: values['post-logout-redirect-uri'] }),
    }),
  )
  for (const line of lines) io.out(line)
  return 0
}

async function doctor(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'client-id': { type: 'string' }, origin: { type: 'string' }, timeout: { type: 'string' } },
  })
  const [authority] = positionals
  const clientId = values['client-id']
  const origin = values.origin
  if (authority === undefined || clientId === undefined || origin === undefined) {
    throw new TypeError('latchkey doctor needs <authority>, --client-id and --origin, e.g. latchkey doctor https://idp.example.com --client-id spa --origin http://localhost:5173')
  }
  const timeoutSeconds = values.timeout === undefined ? 10 : Number(values.timeout)
  if (!(timeoutSeconds > 0)) throw new TypeError(`--timeout takes a number of seconds above 0, not ${values.timeout}`)
  let appOrigin: string
  try {
    appOrigin = new URL(origin).origin
  } catch {
    throw new TypeError(`--origin "${origin}" is not a URL; pass the app's origin, e.g. http://localhost:5173`)
  }
  const results = await runDoctor({ authority, clientId, origin: appOrigin, timeoutSeconds })
  for (const line of formatReport(results)) io.out(line)
  return results.some((result) => result.status === 'fail') ? 1 : 0
}

/** The `latchkey` command: the exit code, with output through `io`. Usage errors exit 2. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv
  try {
    if (command === 'urls') return urls(args, io)
    if (command === 'doctor') return await doctor(args, io)
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.out(usage)
      return command === undefined ? 2 : 0
    }
    throw new TypeError(`unknown command "${command}"`)
  } catch (err) {
    if (!(err instanceof TypeError || err instanceof RangeError)) throw err
    io.error(`latchkey: ${err.message}\n\n${usage}`)
    return 2
  }
}
