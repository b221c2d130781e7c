import type { MockUser } from './MockUser.js';

/** A user's claims as the ID token and the userinfo endpoint carry them, with a copy of `roles`. */
export function accountClaims(user: MockUser): { sub: string; [claim: string]: unknown } {
  const { roles, ...claims } = user.claims;
  return roles === undefined ? { ...claims } : { ...claims, roles: [...roles] };
}
