import type { IncomingMessage } from 'node:http'

import type { AccessToken } from './AccessToken.js'
import { ApiError } from './ApiError.js'
import type { OrderBook } from './createOrderBook.js'
import type { RequestJournal } from './createRequestJournal.js'
import { readJsonBody } from './readJsonBody.js'

export type RouteMethod = 'GET' | 'POST' | 'DELETE'

export interface RouteReply {
  status: number
  /** Left out for 204. */
  body?: unknown
}

/** Open to anyone: only the test journal, and only on 127.0.0.1. */
export interface PublicRoute {
  method: RouteMethod
  path: string
  access: 'public'
  handle(request: IncomingMessage): RouteReply | Promise<RouteReply>
}

/** Needs a valid access token, and `scope` among its scopes when set. */
export interface ProtectedRoute {
  method: RouteMethod
  path: string
  access: 'token'
  scope?: string
  handle(request: IncomingMessage, token: AccessToken): RouteReply | Promise<RouteReply>
}

export type Route = PublicRoute | ProtectedRoute

export const journalPath = '/api/__journal'
const maxItemLength = 200

/** What the demo API answers, one row per method and path. */
export function createDemoApiRoutes({ orders, journal }: { orders: OrderBook; journal: RequestJournal }): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/me',
      access: 'token',
      handle: (_request, token) => ({
        status: 200,
        body: { sub: token.sub, scope: token.scopes, expiresAt: token.expiresAt },
      }),
    },
    {
      method: 'GET',
      path: '/api/orders',
      access: 'token',
      scope: 'orders:read',
      handle: (_request, token) => ({ status: 200, body: { orders: orders.list(token.sub) } }),
    },
    {
      method: 'POST',
      path: '/api/orders',
      access: 'token',
      scope: 'orders:write',
      handle: async (request, token) => {
        const item = readItem(await readJsonBody(request))
        return { status: 201, body: { order: orders.add(token.sub, item) } }
      },
    },
    {
      method: 'GET',
      path: journalPath,
      access: 'public',
      handle: () => ({ status: 200, body: { entries: journal.entries() } }),
    },
    {
      method: 'DELETE',
      path: journalPath,
      access: 'public',
      handle: () => {
        journal.clear()
        return { status: 204 }
      },
    },
  ]
}

function readItem(body: unknown): string {
  const item = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['item'] : undefined
  if (typeof item !== 'string' || item.trim() === '' || item.length > maxItemLength) {
    throw new ApiError('invalid_body', `The body must be {"item": "…"}, a non-empty string of at most ${maxItemLength} characters.`)
  }
  return item.trim()
}
