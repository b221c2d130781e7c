/** The django-oauth-toolkit suite's IdP and demo build, in 9440–9449, apart from the mock IdP suite's ports. */
export const djangoPort = 9441
export const appPort = 9442
export const appOrigin = `http://127.0.0.1:${appPort}`
/** django-oauth-toolkit's issuer is its discovery URL less `/.well-known/openid-configuration/`. */
export const djangoIssuer = `http://127.0.0.1:${djangoPort}/o`
export const clientId = 'demo'
