import { render, screen } from '@testing-library/react'
import { expect, it } from 'vitest'
import { RequireAuth } from '@latchkey/react'
import { TestAuthProvider } from '@latchkey/testing/react'
import { Profile } from './Profile'

it('shows the signed-in user on the guarded page', () => {
  render(<TestAuthProvider user={{ profile: { sub: 'ada', name: 'Ada' } }}><RequireAuth><Profile /></RequireAuth></TestAuthProvider>)
  expect(screen.getByText('Signed in as Ada')).toBeTruthy()
})
