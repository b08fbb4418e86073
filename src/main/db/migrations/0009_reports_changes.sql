-- The report cube refreshes only the customers that changed (issue #5): instead of counting changes
-- (0008), the triggers now log which customer a bill or customer write touched. Local, never synced;
-- the cube deletes the entries it has applied.
DROP TRIGGER `report_bills_insert`;
--> statement-breakpoint
DROP TRIGGER `report_bills_update`;
--> statement-breakpoint
DROP TRIGGER `report_bills_delete`;
--> statement-breakpoint
DROP TRIGGER `report_customers_insert`;
--> statement-breakpoint
DROP TRIGGER `report_customers_update`;
--> statement-breakpoint
DROP TRIGGER `report_customers_delete`;
--> statement-breakpoint
DROP TABLE `report_versions`;
--> statement-breakpoint
CREATE TABLE `report_changes` (
  `seq` integer PRIMARY KEY AUTOINCREMENT,
  `customer_id` text NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER `report_bills_insert` AFTER INSERT ON `customer_bills` BEGIN
  INSERT INTO report_changes (customer_id) VALUES (new.customer_id);
END;
--> statement-breakpoint
CREATE TRIGGER `report_bills_update` AFTER UPDATE OF customer_id, period, billed_fen, deleted ON `customer_bills` BEGIN
  INSERT INTO report_changes (customer_id) VALUES (new.customer_id);
  INSERT INTO report_changes (customer_id) SELECT old.customer_id WHERE old.customer_id <> new.customer_id;
END;
--> statement-breakpoint
CREATE TRIGGER `report_bills_delete` AFTER DELETE ON `customer_bills` BEGIN
  INSERT INTO report_changes (customer_id) VALUES (old.customer_id);
END;
--> statement-breakpoint
CREATE TRIGGER `report_customers_insert` AFTER INSERT ON `customers` BEGIN
  INSERT INTO report_changes (customer_id) VALUES (new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `report_customers_update` AFTER UPDATE OF name, grade, industry, region, owner_id, deleted ON `customers` BEGIN
  INSERT INTO report_changes (customer_id) VALUES (new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `report_customers_delete` AFTER DELETE ON `customers` BEGIN
  INSERT INTO report_changes (customer_id) VALUES (old.id);
END;
