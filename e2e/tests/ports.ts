/** Ports of this suite's own IdP and demo build, apart from `npm run demo`'s 9400 and 5173 so both can run at once. */
export const idpPort = 9410
export const appPort = 4180
export const idpIssuer = `http://127.0.0.1:${idpPort}`
export const appOrigin = `http://127.0.0.1:${appPort}`
