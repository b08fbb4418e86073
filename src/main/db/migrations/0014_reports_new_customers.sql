-- "New key customers vs plan" and the leader's home page count key customers by the Asia/Shanghai month
-- they were created in and by 第一责任人 (issue #5). Over a million customers that is a sort of hundreds of
-- thousands of index entries (2 s); this rollup holds the counts per month and owner ('' = no owner) of
-- live key customers. Triggers keep it in step with every write path (services, imports, evaluation
-- runs, HQ sync apply). Local to this device, never synced.
CREATE TABLE `report_new_customers` (
  `month` text NOT NULL,
  `owner_id` text NOT NULL,
  `customers` integer NOT NULL DEFAULT 0,
  PRIMARY KEY (`month`, `owner_id`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO report_new_customers (month, owner_id, customers)
SELECT strftime('%Y-%m', created_at, '+8 hours'), coalesce(owner_id, ''), count(*)
FROM customers
WHERE deleted = 0 AND is_key = 1
GROUP BY 1, 2;
--> statement-breakpoint
CREATE TRIGGER `report_new_customers_insert` AFTER INSERT ON `customers` WHEN new.deleted = 0 AND new.is_key = 1 BEGIN
  INSERT INTO report_new_customers (month, owner_id, customers)
  VALUES (strftime('%Y-%m', new.created_at, '+8 hours'), coalesce(new.owner_id, ''), 1)
  ON CONFLICT (month, owner_id) DO UPDATE SET customers = customers + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `report_new_customers_delete` AFTER DELETE ON `customers` WHEN old.deleted = 0 AND old.is_key = 1 BEGIN
  UPDATE report_new_customers SET customers = customers - 1
  WHERE month = strftime('%Y-%m', old.created_at, '+8 hours') AND owner_id = coalesce(old.owner_id, '');
END;
--> statement-breakpoint
CREATE TRIGGER `report_new_customers_update` AFTER UPDATE OF created_at, is_key, owner_id, deleted ON `customers`
WHEN old.created_at IS NOT new.created_at OR old.is_key IS NOT new.is_key OR old.owner_id IS NOT new.owner_id OR old.deleted IS NOT new.deleted BEGIN
  UPDATE report_new_customers SET customers = customers - 1
  WHERE month = strftime('%Y-%m', old.created_at, '+8 hours') AND owner_id = coalesce(old.owner_id, '')
    AND old.deleted = 0 AND old.is_key = 1;
  INSERT INTO report_new_customers (month, owner_id, customers)
  SELECT strftime('%Y-%m', new.created_at, '+8 hours'), coalesce(new.owner_id, ''), 1
  WHERE new.deleted = 0 AND new.is_key = 1
  ON CONFLICT (month, owner_id) DO UPDATE SET customers = customers + 1;
END;
