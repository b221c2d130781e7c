import type * as OidcProviderModule from 'oidc-provider';
import type OidcProvider from 'oidc-provider';

/**
 * oidc-provider, loaded without the warning it prints as it loads on Node 20 ("Unsupported runtime.
 * Use Node.js v22.x LTS"). That warning states its support policy for production servers; this IdP
 * serves tests on 127.0.0.1, runs on Node 20 in our own tests (see `engines`), and would otherwise
 * print it in every test run that starts it. oidc-provider has no setting for it, so this holds back
 * that one line, only while oidc-provider loads. Every value import of oidc-provider in this package
 * comes from here: one loaded earlier would print the warning again (runtimeWarning.test.ts).
 */
const warn = console.warn;
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].includes('oidc-provider WARNING: Unsupported runtime')) return;
  warn.apply(console, args);
};
let loaded: typeof OidcProviderModule;
try {
  loaded = await import('oidc-provider');
} finally {
  console.warn = warn;
}

export const Provider: typeof OidcProvider = loaded.default;
export type Provider = OidcProvider;
export const errors: typeof OidcProviderModule.errors = loaded.errors;
