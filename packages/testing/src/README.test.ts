import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8')

it('shows in the README exactly the TestAuthProvider example that runs as a test', () => {
  expect(read('../README.md')).toContain(`\`\`\`tsx\n${read('./react/TestAuthProvider.test.tsx')}\`\`\``)
})
