import { useAuth } from '@latchkey/react'

export function AdminPage() {
  const name = useAuth((state) => state.user?.profile.name)
  return (
    <>
      <h1>Admin</h1>
      <p>Welcome, {name}. Only users with the admin role see this page.</p>
    </>
  )
}
