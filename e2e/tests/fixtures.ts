import { test as base, expect } from '@playwright/test'
import { mockIdpFixtures, type MockIdpFixtures } from '@latchkey/testing/playwright'
import { demoFixtures, type DemoFixtures, type TestUser } from './demoFixtures.js'
import { idpIssuer } from './ports.js'

export { closed, DemoApp, type ConsoleErrors, type TestUser } from './demoFixtures.js'

export const alice: TestUser = { username: 'alice', password: 'alice', name: 'Alice Liddell' }
const defaultIdpSettings = { consent: 'auto', coop: false, accessTokenTtl: 300, requireDpopNonce: false, deviceCodeInterval: 5 } as const

export const admin: TestUser = { username: 'admin', password: 'admin', name: 'Ada Admin' }

// One IdP serves the whole suite (workers: 1), so each test starts from no faults and default settings.
const withIdp = base.extend<MockIdpFixtures>(mockIdpFixtures({ issuer: idpIssuer, settings: defaultIdpSettings }))

export const test = withIdp.extend<DemoFixtures>(demoFixtures)

export { expect }
