import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { useAuthFetch } from '@latchkey/react'

interface Order {
  id: string
  item: string
  total: number
}

/** How many loads of the list the API answered, and how many failed: calls keep working across token renewals. */
interface LoadCount {
  loaded: number
  failed: number
}

/** Calls the demo API with the access token; adding an order needs orders:write, asked for on demand. */
export function OrdersPage() {
  const authFetch = useAuthFetch()
  const [orders, setOrders] = useState<Order[] | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [item, setItem] = useState('')
  const [loads, setLoads] = useState<LoadCount>({ loaded: 0, failed: 0 })

  const loadOrders = useCallback(
    async (isCurrent: () => boolean = () => true) => {
      try {
        const response = await authFetch('/api/orders')
        if (!response.ok) throw new Error(`The API answered ${response.status}`)
        const body = (await response.json()) as { orders: Order[] }
        if (!isCurrent()) return
        setOrders(body.orders)
        setProblem(null)
        setLoads((count) => ({ ...count, loaded: count.loaded + 1 }))
      } catch (error) {
        if (!isCurrent()) return
        setProblem(error instanceof Error ? error.message : String(error))
        setLoads((count) => ({ ...count, failed: count.failed + 1 }))
      }
    },
    [authFetch],
  )

  useEffect(() => {
    let current = true
    void loadOrders(() => current)
    return () => {
      current = false
    }
  }, [loadOrders])

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
      <p role="status">
        Loaded <strong data-testid="orders-loaded">{loads.loaded}</strong> times, <strong data-testid="orders-failed">{loads.failed}</strong> failed{' '}
        <button type="button" onClick={() => void loadOrders()}>
          Reload orders
        </button>
      </p>
      <form onSubmit={(event) => void addOrder(event)}>
        <label htmlFor="item">New order</label> <input id="item" value={item} onChange={(event) => setItem(event.target.value)} required />{' '}
        <button type="submit">Add order</button>
      </form>
    </>
  )
}
