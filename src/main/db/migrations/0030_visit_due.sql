-- Yellow channel (issue #14): the visit due date of every live customer, kept by triggers so the overdue
-- lists and the churn warning read an index instead of grouping visits. customer_visit_due and
-- visit_rule_cache are local and never synced; the view is the one definition of a due date, used by
-- the triggers here and by the full recompute the visit service runs when the rules change.
-- due = (last counted visit, or the day the customer was created) + the grade's interval in months.
INSERT INTO `visit_rule_cache` (`grade`, `months`, `kinds`) VALUES
  ('strategic', 1, '["onsite","inbound","forum","executive"]'),
  ('key', 2, '["onsite","inbound","forum","executive"]'),
  ('vip', 3, '["onsite","inbound","forum","executive"]'),
  ('quality', 6, '["onsite","inbound","forum","executive"]'),
  ('normal', NULL, '["onsite","inbound","forum","executive"]');
--> statement-breakpoint
CREATE VIEW `customer_visit_due_v` AS
SELECT x.customer_id, x.owner_id, x.grade, x.last_visit_date,
  CASE WHEN x.months IS NULL THEN NULL
    ELSE date(coalesce(x.last_visit_date, date(x.created_at, '+8 hours')), '+' || x.months || ' months') END AS due_date
FROM (
  SELECT c.id AS customer_id, c.owner_id, c.grade, c.created_at, r.months,
    (SELECT max(v.visit_date) FROM visits v
      WHERE v.customer_id = c.id AND v.status = 'done' AND v.deleted = 0
        AND v.kind IN (SELECT value FROM json_each(coalesce(r.kinds, '["onsite","inbound","forum","executive"]')))) AS last_visit_date
  FROM customers c LEFT JOIN visit_rule_cache r ON r.grade = c.grade
  WHERE c.deleted = 0
) x;
--> statement-breakpoint
INSERT INTO `customer_visit_due` (customer_id, owner_id, grade, last_visit_date, due_date)
SELECT customer_id, owner_id, grade, last_visit_date, due_date FROM customer_visit_due_v;
--> statement-breakpoint
CREATE TRIGGER `visit_due_visits_insert` AFTER INSERT ON `visits` WHEN new.status = 'done' BEGIN
  INSERT OR REPLACE INTO customer_visit_due (customer_id, owner_id, grade, last_visit_date, due_date)
  SELECT customer_id, owner_id, grade, last_visit_date, due_date FROM customer_visit_due_v WHERE customer_id = new.customer_id;
END;
--> statement-breakpoint
CREATE TRIGGER `visit_due_visits_update` AFTER UPDATE OF status, visit_date, kind, customer_id, deleted ON `visits`
WHEN old.status = 'done' OR new.status = 'done' BEGIN
  INSERT OR REPLACE INTO customer_visit_due (customer_id, owner_id, grade, last_visit_date, due_date)
  SELECT customer_id, owner_id, grade, last_visit_date, due_date FROM customer_visit_due_v
  WHERE customer_id IN (old.customer_id, new.customer_id);
END;
--> statement-breakpoint
CREATE TRIGGER `visit_due_customers_insert` AFTER INSERT ON `customers` BEGIN
  INSERT OR REPLACE INTO customer_visit_due (customer_id, owner_id, grade, last_visit_date, due_date)
  SELECT customer_id, owner_id, grade, last_visit_date, due_date FROM customer_visit_due_v WHERE customer_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `visit_due_customers_update` AFTER UPDATE OF grade, owner_id, deleted ON `customers`
WHEN old.grade IS NOT new.grade OR old.owner_id IS NOT new.owner_id OR old.deleted IS NOT new.deleted BEGIN
  DELETE FROM customer_visit_due WHERE customer_id = new.id;
  INSERT INTO customer_visit_due (customer_id, owner_id, grade, last_visit_date, due_date)
  SELECT customer_id, owner_id, grade, last_visit_date, due_date FROM customer_visit_due_v WHERE customer_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_visits_insert` AFTER INSERT ON `visits` BEGIN
  INSERT OR IGNORE INTO search_queue (module, record_id) VALUES ('visit', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_visits_update` AFTER UPDATE OF number, purpose, needs, competitor, complaints, outcome, next_step, owner_id, customer_id, deleted ON `visits` BEGIN
  INSERT OR IGNORE INTO search_queue (module, record_id) VALUES ('visit', new.id);
END;
