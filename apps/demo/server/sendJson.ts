import type { OutgoingHttpHeaders, ServerResponse } from 'node:http'

/** Answers with a JSON body. Answers depend on the caller's token, so no browser or proxy may store one. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
  const json = JSON.stringify(body)
  response.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    'Cache-Control': 'no-store',
  })
  response.end(json)
}
