import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import { createDpopProofCheck } from './checkDpopProof.js'
import { createDemoApiHandler } from './createDemoApiHandler.js'
import { createDemoApiRoutes } from './createDemoApiRoutes.js'
import { createOrderBook } from './createOrderBook.js'
import { createRequestJournal } from './createRequestJournal.js'
import { createTokenVerifier } from './createTokenVerifier.js'

export interface DemoApiOptions {
  /** The IdP's issuer, e.g. `http://127.0.0.1:9400`: tokens must carry it as `iss`, and its discovery document names the JWKS. */
  issuer: string
  /** The `aud` tokens must carry. Default `urn:latchkey:api`, the mock IdP's. */
  audience?: string
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number
  /** The clock tokens are checked against, in milliseconds since the epoch; tests move it to expire a token. Default `Date.now`. */
  now?: () => number
}

export interface DemoApi {
  /** `http://127.0.0.1:PORT`, without a trailing slash; the routes are under `/api`. */
  url: string
  port: number
  /** Stops listening and closes open connections at once. */
  close(): Promise<void>
}

const host = '127.0.0.1'
const realm = 'latchkey-demo'

/**
 * Starts the demo's resource server: a few JSON routes under `/api` that accept only JWT access
 * tokens from `issuer` (RFC 9068), bearer or DPoP-bound with a proof (RFC 9449), answering 401 and
 * 403 with RFC 6750 challenges.
 *
 * @example
 * const api = await createDemoApi({ issuer: idp.issuer })
 * await fetch(`${api.url}/api/orders`, { headers: { Authorization: `Bearer ${accessToken}` } })
 * await api.close()
 */
export async function createDemoApi({
  issuer,
  audience = 'urn:latchkey:api',
  port = 0,
  now = Date.now,
}: DemoApiOptions): Promise<DemoApi> {
  const issuerUrl = URL.parse(issuer)
  if (!issuerUrl || (issuerUrl.protocol !== 'http:' && issuerUrl.protocol !== 'https:')) {
    throw new TypeError(`createDemoApi: issuer must be an absolute http(s) URL, got ${JSON.stringify(issuer)}`)
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError(`createDemoApi: port must be a whole number from 0 to 65535, got ${port}`)
  }

  const journal = createRequestJournal()
  const handle = createDemoApiHandler({
    routes: createDemoApiRoutes({ orders: createOrderBook(), journal }),
    verifier: createTokenVerifier({ issuer, audience, now }),
    checkDpopProof: createDpopProofCheck(now),
    journal,
    realm,
  })
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('demo API: could not answer', error)
      response.destroy()
    })
  })
  await listen(server, port)
  const { port: boundPort } = server.address() as AddressInfo

  let closed: Promise<void> | undefined
  return {
    url: `http://${host}:${boundPort}`,
    port: boundPort,
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        // Keep-alive sockets (fetch and Vite's proxy keep them open) would hold close() for seconds otherwise.
        server.closeAllConnections()
      })
      return closed
    },
  }
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
}
