export * from '@latchkey/core/tab-sync'
