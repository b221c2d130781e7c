import type { IncomingMessage } from 'node:http';

/** Same cap as oidc-provider's own body parser: these are small form and JSON bodies. */
const limit = 56 * 1024;

export class RequestBodyTooLargeError extends Error {
  override readonly name = 'RequestBodyTooLargeError';
}

/** Reads a whole request body into memory, refusing anything larger than 56 KiB. */
export async function readRequestBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    received += buffer.length;
    if (received > limit) throw new RequestBodyTooLargeError('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, received);
}
