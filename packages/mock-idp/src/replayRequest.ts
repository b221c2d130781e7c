import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

// What oidc-provider's body parser touches (lib/shared/selective_body.js): it checks `readable`
// and `readableEncoding`, then consumes `iterator()`. The rest of the request (headers, socket,
// URL) must stay the real one.
const streamMembers = new Set<PropertyKey>([
  'readable',
  'readableEncoding',
  'readableEnded',
  'readableLength',
  'read',
  'iterator',
  'pipe',
  'setEncoding',
  Symbol.asyncIterator,
]);

/**
 * Returns a stand-in for a request whose body was already read, that yields `body` again, so
 * middleware in front of oidc-provider can look at a token request without taking its body away.
 */
export function replayRequest(req: IncomingMessage, body: Buffer): IncomingMessage {
  const replay = Readable.from([body], { objectMode: false });
  return new Proxy(req, {
    get(target, property) {
      if (streamMembers.has(property)) {
        const value: unknown = Reflect.get(replay, property, replay);
        return typeof value === 'function' ? value.bind(replay) : value;
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
