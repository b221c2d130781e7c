import { Outlet, Route, Routes } from 'react-router'
import { RequireAuth } from '@latchkey/react'
import { Layout } from './Layout.js'
import { AdminPage } from './pages/AdminPage.js'
import { ForbiddenPage } from './pages/ForbiddenPage.js'
import { HomePage } from './pages/HomePage.js'
import { NotFoundPage } from './pages/NotFoundPage.js'
import { OrdersPage } from './pages/OrdersPage.js'
import { ProfilePage } from './pages/ProfilePage.js'
import { SessionPage } from './pages/SessionPage.js'
import { TvPage } from './pages/TvPage.js'

const loading = <p aria-live="polite">Checking your session…</p>

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        {/* The signed-in pages share one guard, so moving between them never re-checks the session. */}
        <Route
          element={
            <RequireAuth fallback={loading}>
              <Outlet />
            </RequireAuth>
          }
        >
          <Route path="profile" element={<ProfilePage />} />
          <Route path="orders" element={<OrdersPage />} />
          <Route path="session" element={<SessionPage />} />
        </Route>
        <Route
          path="admin"
          element={
            <RequireAuth fallback={loading} when={(user) => user.profile.roles?.includes('admin') ?? false} forbidden={<ForbiddenPage />}>
              <AdminPage />
            </RequireAuth>
          }
        />
        <Route path="tv" element={<TvPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  )
}
