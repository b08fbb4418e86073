-- An account manager's search (issue #3) looked up every full-text match in customers to learn whether
-- it is theirs or in the pool: 9,000 matches of "煤业股份" cost 35 ms, most of a search. The search map
-- now carries each customer's owner, so matches outside the caller's scope are dropped next to the
-- index. It is a pre-filter only (the customer row is still checked): a NULL owner here passes, so only
-- an owner change that failed to reach it could hide a customer, and the trigger below sees every one.
ALTER TABLE `customer_search_map` ADD `owner_id` text;
--> statement-breakpoint
UPDATE `customer_search_map` SET `owner_id` = (SELECT c.owner_id FROM customers c WHERE c.id = customer_search_map.customer_id);
--> statement-breakpoint
DROP TRIGGER `customers_fts_insert`;
--> statement-breakpoint
CREATE TRIGGER `customers_fts_insert` AFTER INSERT ON `customers` BEGIN
  INSERT INTO customer_search_map (customer_id, owner_id) VALUES (new.id, new.owner_id)
  ON CONFLICT (customer_id) DO UPDATE SET owner_id = excluded.owner_id;
  INSERT INTO customers_fts (rowid, name, short_name, credit_code, address, people)
  SELECT m.seq, new.name, new.short_name, new.credit_code, new.address,
    coalesce((SELECT group_concat(p.name || ' ' || p.mobile || ' ' || p.phone, ' ') FROM customer_contacts p
      WHERE p.customer_id = new.id AND p.deleted = 0), '')
  FROM customer_search_map m WHERE m.customer_id = new.id AND new.deleted = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `customer_search_map_owner` AFTER UPDATE OF owner_id ON `customers` WHEN old.owner_id IS NOT new.owner_id BEGIN
  UPDATE customer_search_map SET owner_id = new.owner_id WHERE customer_id = new.id;
END;
