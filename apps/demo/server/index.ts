export { createDemoApi, type DemoApi, type DemoApiOptions } from './createDemoApi.js'
export type { AccessToken } from './AccessToken.js'
export type { Order } from './createOrderBook.js'
export type { RequestJournalEntry } from './createRequestJournal.js'
