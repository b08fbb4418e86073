/** Green channel: every orders.* method. */
export const ordersHandlers = {};
