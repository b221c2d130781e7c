export interface TokenResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body: tokens on success, `{ error, error_description }` otherwise. */
  body: Record<string, unknown>;
}

export interface TokenEndpointCall {
  issuer: string;
  clientId: string;
  /** Sent as the Origin header, as a browser would. */
  origin?: string;
}

/** Posts a public client's form request to the mock IdP's token endpoint (`/token`). */
export async function postToken(call: TokenEndpointCall, fields: Record<string, string>): Promise<TokenResponse> {
  const response = await fetchToken(call, fields);
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

/** Sends the request {@link postToken} sends, and hands back the response with its body unread. */
export function fetchToken(
  { issuer, clientId, origin }: TokenEndpointCall,
  fields: Record<string, string>,
  signal?: AbortSignal,
): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (origin !== undefined) headers['Origin'] = origin;
  return fetch(new URL('/token', issuer), {
    method: 'POST',
    headers,
    body: new URLSearchParams({ ...fields, client_id: clientId }).toString(),
    ...(signal === undefined ? {} : { signal }),
  });
}
