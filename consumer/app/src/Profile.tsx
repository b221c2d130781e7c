import { useAuth } from '@latchkey/react'

export function Profile() {
  const name = useAuth((state) => state.user?.profile.name)
  return <p>Signed in as {name}</p>
}
