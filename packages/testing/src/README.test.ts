import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8')

it('shows in the README exactly the TestAuthProvider example that runs as a test', () => {
  expect(read('../README.md')).toContain(`\`\`\`tsx\n${read('./react/TestAuthProvider.test.tsx')}\`\`\``)
})

it('shows in the README exactly the idle timeout and device sign-in example that runs as a test', () => {
  expect(read('../README.md')).toContain(`\`\`\`tsx\n${read('./react/features.test.tsx')}\`\`\``)
})
