/**
 * Ports of this suite's own IdP, demo API and demo build, apart from `npm run demo`'s 9400, 4001 and
 * 5173 so both can run at once. None is on the Fetch standard's list of bad ports (4190 is), which
 * Chromium and Node's fetch refuse to connect to. `LATCHKEY_E2E_PORT_OFFSET` (a multiple of 100)
 * moves all three, so two checkouts can run the suite side by side.
 */
const offset = Number(process.env['LATCHKEY_E2E_PORT_OFFSET'] ?? 0)
export const idpPort = 9410 + offset
export const apiPort = 4191 + offset
export const appPort = 4180 + offset
export const idpIssuer = `http://127.0.0.1:${idpPort}`
export const apiOrigin = `http://127.0.0.1:${apiPort}`
export const appOrigin = `http://127.0.0.1:${appPort}`
