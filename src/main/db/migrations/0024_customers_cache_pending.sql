-- Customers whose cached spend, arrears and key flag (customers.monthly_spend_fen, arrears_fen, is_key)
-- are behind their bills. A bills import (or its undo) of more customers than it refreshes in its own
-- transaction queues them here; a background pass refreshes them a slice per transaction. Until then
-- the customer 360 page computes a queued customer's figures from its bills. Derived local state: not
-- synced (the refresh itself writes the customers' columns through the outbox).
CREATE TABLE `customer_cache_pending` (
  `customer_id` text PRIMARY KEY NOT NULL
) WITHOUT ROWID;
