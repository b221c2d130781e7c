export * from '@latchkey/core/silent-renewal'
