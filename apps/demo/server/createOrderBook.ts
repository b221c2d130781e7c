export interface Order {
  id: string
  item: string
  /** In euros. */
  total: number
}

export interface OrderBook {
  /** The user's orders, oldest first; a user seen for the first time starts with the demo orders. */
  list(sub: string): Order[]
  /** Adds an order for `item` at the demo's flat price and returns it. */
  add(sub: string, item: string): Order
}

const demoOrders: readonly Omit<Order, 'id'>[] = [
  { item: 'Brass latch, satin finish', total: 24.5 },
  { item: 'Spare key blanks (5)', total: 8.95 },
  { item: 'Door chain', total: 13.2 },
]
const flatPrice = 9.99

/** Orders kept in memory per user (`sub`), so the demo needs no database and starts the same every time. */
export function createOrderBook(): OrderBook {
  const ordersBySub = new Map<string, Order[]>()

  function ordersOf(sub: string): Order[] {
    let orders = ordersBySub.get(sub)
    if (orders === undefined) {
      orders = demoOrders.map((order, index) => ({ id: orderId(index + 1), ...order }))
      ordersBySub.set(sub, orders)
    }
    return orders
  }

  return {
    list: (sub) => ordersOf(sub).map((order) => ({ ...order })),
    add(sub, item) {
      const orders = ordersOf(sub)
      const order = { id: orderId(orders.length + 1), item, total: flatPrice }
      orders.push(order)
      return { ...order }
    },
  }
}

function orderId(sequence: number): string {
  return `ord-${1000 + sequence}`
}
