/**
 * oidc-client-ts reports any error response that carries a `DPoP-Nonce` header as a nonce request,
 * its body as the message, even after its one retry with that nonce. Reads the OAuth error back out
 * (as oidc-client-ts's own `ErrorResponse` looks), so that `invalid_grant` stays `invalid_grant`.
 */
export function readDpopNonceError(err: unknown): unknown {
  if (!(err instanceof Error) || err.name !== 'ErrorDPoPNonce') return err
  let body: { error?: unknown; error_description?: unknown } | undefined
  try {
    body = JSON.parse(err.message) as typeof body
  } catch {
    return err
  }
  if (typeof body?.error !== 'string') return err
  const description = typeof body.error_description === 'string' ? body.error_description : null
  return Object.assign(new Error(description ?? body.error, { cause: err }), { name: 'ErrorResponse', error: body.error, error_description: description })
}
