-- The report cube also holds payment timeliness per bill (issue #5): payments and due dates now count
-- as changes of a customer's bills too.
DROP TRIGGER `report_bills_update`;
--> statement-breakpoint
CREATE TRIGGER `report_bills_update` AFTER UPDATE OF customer_id, period, billed_fen, paid_fen, paid_date, due_date, deleted ON `customer_bills` BEGIN
  INSERT INTO report_changes (customer_id) VALUES (new.customer_id);
  INSERT INTO report_changes (customer_id) SELECT old.customer_id WHERE old.customer_id <> new.customer_id;
END;
