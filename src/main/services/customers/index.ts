import { customersContract } from '../../../shared/contract/customers';
import type { HandlerMap } from '../index';

type CustomerMethods = keyof typeof customersContract;

// Temporary: the contract is published before the services so the UI can start; each method is
// replaced by its implementation as it lands.
export const customersHandlers = Object.fromEntries(
  Object.keys(customersContract).map((name) => [
    name,
    () => {
      throw new Error(`${name} is not implemented yet`);
    },
  ]),
) as unknown as Pick<HandlerMap, CustomerMethods>;
