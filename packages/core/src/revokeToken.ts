/**
 * Asks the IdP to revoke one token, true when it said yes (2xx). Sent here rather than through
 * oidc-client-ts, whose revokeToken rejects the empty `text/plain` or `text/html` 200 that RFC 7009
 * allows and IdPs send (oidc-provider, django-oauth-toolkit), so a done revocation looked failed.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2.2
 */
export async function revokeToken(endpoint: string, clientId: string, token: string, hint: 'refresh_token' | 'access_token'): Promise<boolean> {
  const response = await fetch(endpoint, {
    method: 'POST',
    body: new URLSearchParams({ client_id: clientId, token, token_type_hint: hint }),
  })
  return response.ok
}
