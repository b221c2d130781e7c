/**
 * The claims a mock user carries. They are released by scope: `openid` → `sub`;
 * `profile` → `name`, `given_name`, `family_name`, `preferred_username`, `roles`;
 * `email` → `email`, `email_verified`.
 */
export interface MockUserClaims {
  /** Stable subject identifier; also the account id inside the IdP. */
  sub: string;
  /** Full name (scope `profile`). */
  name?: string;
  /** Given name (scope `profile`). */
  given_name?: string;
  /** Family name (scope `profile`). */
  family_name?: string;
  /** Short name (scope `profile`). */
  preferred_username?: string;
  /** Email address (scope `email`). */
  email?: string;
  /** Whether the email address was checked (scope `email`). */
  email_verified?: boolean;
  /** Roles, such as `admin` (scope `profile`; not a standard claim). */
  roles?: readonly string[];
}

/** A user who can sign in on the mock IdP's login page. */
export interface MockUser {
  /** The name typed into the login page. */
  username: string;
  /** The password typed into the login page. */
  password: string;
  /** What the IdP says about the user in tokens and userinfo. */
  claims: MockUserClaims;
}
