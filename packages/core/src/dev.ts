/**
 * Whether this is a development build. Bundlers replace `process.env.NODE_ENV` (Vite, esbuild,
 * webpack, Rollup's replace plugin, as React and Vue rely on), so in a production build this is
 * `false`, and the long explanations that only a developer reads drop out of the bundle: `dev && …`
 * folds to `false`. Every error keeps its `code` and a short message in production.
 */
// Only what this file reads, so the package needs no Node types; it shadows Node's `process` here alone.
declare const process: { readonly env: { readonly NODE_ENV?: string } }

export const dev: boolean = process.env.NODE_ENV !== 'production'
