export * from '@latchkey/core/id-token-signature'
