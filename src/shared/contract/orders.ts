/** Orders methods of the green channel (DOMAIN.md module 3); see src/shared/contract/order-common.ts for the enums. */
export const ordersContract = {} as const;
