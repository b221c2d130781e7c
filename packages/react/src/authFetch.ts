export * from '@latchkey/core/fetch'
