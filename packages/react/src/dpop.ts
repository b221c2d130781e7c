export * from '@latchkey/core/dpop'
