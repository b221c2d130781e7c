import { Link } from 'react-router'

export function ForbiddenPage() {
  return (
    <>
      <h1>Forbidden</h1>
      <p role="alert">This page is for administrators. You are signed in, but your account does not have the admin role.</p>
      <Link to="/">Back to home</Link>
    </>
  )
}
