import { version } from 'react'
import { expect, it } from 'vitest'
it('runs on the React major this project names', ({ task }) => {
  expect(version.split('.')[0]).toBe(task.file.projectName === 'react18' ? '18' : '19')
})
