import { URLSearchParams as NodeURLSearchParams } from 'node:url'

// jsdom replaces URLSearchParams with its own class, which Node's fetch does not recognise as a form
// body and sends as "[object URLSearchParams]". In a browser the two are one class; restore that.
globalThis.URLSearchParams = NodeURLSearchParams as unknown as typeof URLSearchParams
