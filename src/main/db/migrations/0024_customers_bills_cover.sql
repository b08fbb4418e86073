-- A customer's latest bills (the spend cache: the average of the last three) are read from this index
-- alone: with the amount and the tombstone in it, no bill row is fetched. A bills import refreshes
-- the caches of every customer it touches; at a million customers the row reads were ~10 s of it
-- when the file was not in the page cache.
DROP INDEX `customer_bills_customer_period`;--> statement-breakpoint
CREATE INDEX `customer_bills_customer_period` ON `customer_bills` (`customer_id`,`period`,`deleted`,`billed_fen`);