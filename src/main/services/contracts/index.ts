/** Green channel: every contracts.* method. */
export const contractsHandlers = {};
