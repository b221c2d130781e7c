import type { MockIdp } from '../MockIdp.js';

/**
 * Whether `promise` is still pending once the IdP has answered one more request (so it has
 * processed everything sent before) and the event loop has turned once more. No timers.
 */
export async function isPendingAfterARoundTrip(promise: Promise<unknown>, idp: Pick<MockIdp, 'issuer'>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await (await fetch(`${idp.issuer}/__mock/faults`)).text();
  await new Promise((resolve) => setImmediate(resolve));
  return !settled;
}
