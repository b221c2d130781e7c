import type { IncomingMessage } from 'node:http'

import { ApiError } from './ApiError.js'

/** The API's bodies are one small object; anything near this is a mistake or abuse. */
const limitBytes = 16 * 1024
const jsonMediaType = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i

/** Reads and parses a JSON request body, refusing other media types, oversized bodies and bad JSON with an `ApiError`. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  if (!jsonMediaType.test(request.headers['content-type'] ?? '')) {
    throw new ApiError('unsupported_media_type', 'Send the body as JSON, with Content-Type: application/json.')
  }
  const tooLarge = () => new ApiError('payload_too_large', `The body is larger than ${limitBytes} bytes.`)
  if (Number(request.headers['content-length'] ?? 0) > limitBytes) throw tooLarge()

  const chunks: Buffer[] = []
  let received = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    received += chunk.length
    if (received > limitBytes) throw tooLarge()
    chunks.push(chunk)
  }
  try {
    return JSON.parse(Buffer.concat(chunks, received).toString('utf8')) as unknown
  } catch (cause) {
    throw new ApiError('invalid_body', 'The body is not valid JSON.', { cause })
  }
}
