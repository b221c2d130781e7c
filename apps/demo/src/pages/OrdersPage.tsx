import { useEffect, useState, type FormEvent } from 'react'
import { useAuthFetch } from '@latchkey/react'

interface Order {
  id: string
  item: string
  total: number
}

/** Calls the demo API with the access token; adding an order needs orders:write, asked for on demand. */
export function OrdersPage() {
  const authFetch = useAuthFetch()
  const [orders, setOrders] = useState<Order[] | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [item, setItem] = useState('')

  useEffect(() => {
    let current = true
    authFetch('/api/orders')
      .then(async (response) => {
        if (!response.ok) throw new Error(`The API answered ${response.status}`)
        const body = (await response.json()) as { orders: Order[] }
        if (current) setOrders(body.orders)
      })
      .catch((error: unknown) => current && setProblem(error instanceof Error ? error.message : String(error)))
    return () => {
      current = false
    }
  }, [authFetch])

  async function addOrder(event: FormEvent) {
    event.preventDefault()
    setProblem(null)
    try {
      const response = await authFetch('/api/orders', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ item }),
      })
      if (!response.ok) throw new Error(`The API answered ${response.status}: ${response.headers.get('WWW-Authenticate') ?? ''}`)
      const { order } = (await response.json()) as { order: Order }
      setOrders((list) => [...(list ?? []), order])
      setItem('')
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error))
    }
  }

  return (
    <>
      <h1>Orders</h1>
      {problem && <p role="alert" className="error">{problem}</p>}
      {orders === null ? (
        <p aria-live="polite">Loading orders…</p>
      ) : (
        <ul aria-label="Orders">
          {orders.map((order) => (
            <li key={order.id}>
              {order.item} — {order.total}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(event) => void addOrder(event)}>
        <label htmlFor="item">New order</label> <input id="item" value={item} onChange={(event) => setItem(event.target.value)} required />{' '}
        <button type="submit">Add order</button>
      </form>
    </>
  )
}
