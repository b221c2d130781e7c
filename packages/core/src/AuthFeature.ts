import { AuthError } from './AuthError.js'
import { dev } from './dev.js'

/** What an app can add to its client, each from an entry point of its own. */
export type AuthFeatureKind = 'popup' | 'tab-sync' | 'silent-renewal' | 'fetch' | 'id-token-signature' | 'dpop' | 'idle-timeout' | 'device-code'

declare const implementation: unique symbol

/**
 * A feature for `createAuthClient({ features: [...] })`. An app that does not add one does not
 * bundle its code: each comes from its own entry point (`@latchkey/core/popup`, `/tab-sync`,
 * `/silent-renewal`, `/fetch`, `/id-token-signature`, `/dpop`, `/idle-timeout`, `/device-code`).
 */
export interface AuthFeature<Kind extends AuthFeatureKind = AuthFeatureKind> {
  /** Which feature this is. */
  readonly kind: Kind
  /** The feature's code; opaque to apps. */
  readonly [implementation]: unknown
}

interface FeatureWithCode<Kind extends AuthFeatureKind, Code> {
  readonly kind: Kind
  readonly code: Code
}

export function defineFeature<Kind extends AuthFeatureKind, Code>(kind: Kind, code: Code): AuthFeature<Kind> {
  return Object.freeze({ kind, code } satisfies FeatureWithCode<Kind, Code>) as unknown as AuthFeature<Kind>
}

/** The code of the feature `kind` among `features`, or undefined when the app did not add it. */
export function featureCode<Code>(features: readonly AuthFeature[], kind: AuthFeatureKind): Code | undefined {
  const found = features.find((feature) => feature.kind === kind) as unknown as FeatureWithCode<AuthFeatureKind, Code> | undefined
  return found?.code
}

/** The function that adds `kind`: its name in camelCase, but `authFetch`, since `fetch` is the browser's. */
function featureName(kind: AuthFeatureKind): string {
  return kind === 'fetch' ? 'authFetch' : kind.replace(/-(.)/g, (_, letter: string) => letter.toUpperCase())
}

/** The error for using a feature the app did not add: in development it says how to add it. */
export function missingFeature(kind: AuthFeatureKind, use: string): AuthError {
  const name = featureName(kind)
  return new AuthError(
    'config',
    dev
      ? `${use} needs the ${kind} feature, which this app did not add. Add it: import { ${name} } from '@latchkey/core/${kind}', then createAuthClient({ ..., features: [${name}()] }).`
      : `${use} needs ${name}()`,
  )
}
