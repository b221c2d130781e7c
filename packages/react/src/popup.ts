export * from '@latchkey/core/popup'
