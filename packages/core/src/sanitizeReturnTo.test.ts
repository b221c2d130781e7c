import { describe, expect, it } from 'vitest'
import { sanitizeReturnTo } from './sanitizeReturnTo.js'

const origin = 'https://app.example'

describe('sanitizeReturnTo', () => {
  it.each([
    ['/profile', '/profile'],
    ['/orders?page=2#top', '/orders?page=2#top'],
  ])('keeps the same-origin path %s', (input, expected) => {
    expect(sanitizeReturnTo(input, origin)).toBe(expected)
  })

  it.each(['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', 'profile', '', 42, null])(
    'turns %s into /',
    (input) => {
      expect(sanitizeReturnTo(input, origin)).toBe('/')
    },
  )
})
