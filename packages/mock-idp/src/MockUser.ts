/**
 * The claims a mock user carries. They are released by scope: `openid` → `sub`;
 * `profile` → `name`, `given_name`, `family_name`, `preferred_username`, `roles`;
 * `email` → `email`, `email_verified`.
 */
export interface MockUserClaims {
  /** Stable subject identifier; also the account id inside the IdP. */
  sub: string;
  name?: string;
  given_name?: string;
  family_name?: string;
  preferred_username?: string;
  email?: string;
  email_verified?: boolean;
  roles?: readonly string[];
}

/** A user who can sign in on the mock IdP's login page. */
export interface MockUser {
  username: string;
  password: string;
  claims: MockUserClaims;
}
