/**
 * Whether this is a development build: bundlers replace `process.env.NODE_ENV`, as React relies on, so
 * a production build drops what only a developer reads. Core has its own for the same reason.
 */
// Only what this file reads, so the package needs no Node types; it shadows Node's `process` here alone.
declare const process: { readonly env: { readonly NODE_ENV?: string } }

export const dev: boolean = process.env.NODE_ENV !== 'production'
