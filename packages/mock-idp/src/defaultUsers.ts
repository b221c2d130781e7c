import type { MockUser } from './MockUser.js';

/**
 * The users every mock IdP has unless `users` is given: `alice`/`alice` (role `user`) and
 * `admin`/`admin` (roles `admin`, `user`).
 */
export const defaultUsers: readonly MockUser[] = Object.freeze([
  {
    username: 'alice',
    password: 'alice',
    claims: {
      sub: 'alice',
      name: 'Alice Liddell',
      given_name: 'Alice',
      family_name: 'Liddell',
      preferred_username: 'alice',
      email: 'alice@example.com',
      email_verified: true,
      roles: ['user'],
    },
  },
  {
    username: 'admin',
    password: 'admin',
    claims: {
      sub: 'admin',
      name: 'Ada Admin',
      given_name: 'Ada',
      family_name: 'Admin',
      preferred_username: 'admin',
      email: 'admin@example.com',
      email_verified: true,
      roles: ['admin', 'user'],
    },
  },
]);
