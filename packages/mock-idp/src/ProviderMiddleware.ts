import type Provider from 'oidc-provider';

/** Koa middleware as `provider.use` takes it, without a direct dependency on Koa's types. */
export type ProviderMiddleware = Parameters<Provider['use']>[0];

export type ProviderContext = Parameters<ProviderMiddleware>[0];
