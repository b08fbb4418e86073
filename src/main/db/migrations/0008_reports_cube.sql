-- Reports over a million customers (issue #5). Local to this device, never synced.
-- report_versions counts changes to what the in-memory report cube caches (bills, and the customer
-- attributes reports filter and group by); triggers keep it in step with every write path (services,
-- imports, sync), so a cached cube is used only while its version still matches.
CREATE TABLE `report_versions` (
  `name` text PRIMARY KEY NOT NULL,
  `version` integer NOT NULL DEFAULT 0
);
--> statement-breakpoint
INSERT INTO `report_versions` (`name`, `version`) VALUES ('bills', 0), ('customers', 0);
--> statement-breakpoint
CREATE TRIGGER `report_bills_insert` AFTER INSERT ON `customer_bills` BEGIN
  UPDATE report_versions SET version = version + 1 WHERE name = 'bills';
END;
--> statement-breakpoint
CREATE TRIGGER `report_bills_update` AFTER UPDATE OF customer_id, period, billed_fen, deleted ON `customer_bills` BEGIN
  UPDATE report_versions SET version = version + 1 WHERE name = 'bills';
END;
--> statement-breakpoint
CREATE TRIGGER `report_bills_delete` AFTER DELETE ON `customer_bills` BEGIN
  UPDATE report_versions SET version = version + 1 WHERE name = 'bills';
END;
--> statement-breakpoint
CREATE TRIGGER `report_customers_insert` AFTER INSERT ON `customers` BEGIN
  UPDATE report_versions SET version = version + 1 WHERE name = 'customers';
END;
--> statement-breakpoint
CREATE TRIGGER `report_customers_update` AFTER UPDATE OF name, grade, industry, region, owner_id, deleted ON `customers` BEGIN
  UPDATE report_versions SET version = version + 1 WHERE name = 'customers';
END;
--> statement-breakpoint
CREATE TRIGGER `report_customers_delete` AFTER DELETE ON `customers` BEGIN
  UPDATE report_versions SET version = version + 1 WHERE name = 'customers';
END;
--> statement-breakpoint
-- The roster's breakdowns read this covering index alone (no table rows) ...
CREATE INDEX `report_customers_key_groups` ON `customers` (`grade`, `industry`, `region`, `owner_id`, `monthly_spend_fen`, `arrears_fen`) WHERE deleted = 0 AND is_key = 1;
--> statement-breakpoint
-- ... and its list takes the top of each grade by spend from this one.
CREATE INDEX `report_customers_key_spend` ON `customers` (`grade`, `monthly_spend_fen`) WHERE deleted = 0 AND is_key = 1;
