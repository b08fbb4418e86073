-- Courtesy care (issue #14): key people's birthdays by month-day, with their customer's owner, so the
-- upcoming list reads an index range for the branch, one account manager or one customer alike (the
-- owner lives on customers; an expression index on customer_contacts could not lead with it). Local,
-- never synced, kept by the triggers below from one view; key people of deleted customers are left out.
CREATE TABLE `contact_birthdays` (
  `contact_id` text PRIMARY KEY NOT NULL,
  `customer_id` text NOT NULL,
  `owner_id` text,
  `calendar` text NOT NULL,
  -- MM-dd on that calendar.
  `md` text NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `contact_birthdays_md` ON `contact_birthdays` (`calendar`, `md`);
--> statement-breakpoint
CREATE INDEX `contact_birthdays_owner` ON `contact_birthdays` (`owner_id`, `calendar`, `md`);
--> statement-breakpoint
CREATE INDEX `contact_birthdays_customer` ON `contact_birthdays` (`customer_id`);
--> statement-breakpoint
CREATE VIEW `contact_birthdays_v` AS
SELECT k.id AS contact_id, k.customer_id, c.owner_id, k.birthday_calendar AS calendar, substr(k.birthday, 6, 5) AS md
FROM customer_contacts k JOIN customers c ON c.id = k.customer_id AND c.deleted = 0
WHERE k.deleted = 0 AND k.birthday IS NOT NULL AND length(k.birthday) = 10;
--> statement-breakpoint
INSERT INTO `contact_birthdays` (contact_id, customer_id, owner_id, calendar, md)
SELECT contact_id, customer_id, owner_id, calendar, md FROM contact_birthdays_v;
--> statement-breakpoint
CREATE TRIGGER `contact_birthdays_contacts_insert` AFTER INSERT ON `customer_contacts` WHEN new.birthday IS NOT NULL BEGIN
  INSERT OR REPLACE INTO contact_birthdays (contact_id, customer_id, owner_id, calendar, md)
  SELECT contact_id, customer_id, owner_id, calendar, md FROM contact_birthdays_v WHERE contact_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `contact_birthdays_contacts_update` AFTER UPDATE OF birthday, birthday_calendar, customer_id, deleted ON `customer_contacts` BEGIN
  DELETE FROM contact_birthdays WHERE contact_id = new.id;
  INSERT INTO contact_birthdays (contact_id, customer_id, owner_id, calendar, md)
  SELECT contact_id, customer_id, owner_id, calendar, md FROM contact_birthdays_v WHERE contact_id = new.id;
END;
--> statement-breakpoint
-- Sync may bring a key person before its customer: the customer's arrival picks it up.
CREATE TRIGGER `contact_birthdays_customers_insert` AFTER INSERT ON `customers` BEGIN
  INSERT OR REPLACE INTO contact_birthdays (contact_id, customer_id, owner_id, calendar, md)
  SELECT contact_id, customer_id, owner_id, calendar, md FROM contact_birthdays_v WHERE customer_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `contact_birthdays_customers_update` AFTER UPDATE OF owner_id, deleted ON `customers`
WHEN old.owner_id IS NOT new.owner_id OR old.deleted IS NOT new.deleted BEGIN
  DELETE FROM contact_birthdays WHERE customer_id = new.id;
  INSERT INTO contact_birthdays (contact_id, customer_id, owner_id, calendar, md)
  SELECT contact_id, customer_id, owner_id, calendar, md FROM contact_birthdays_v WHERE customer_id = new.id;
END;
--> statement-breakpoint
CREATE INDEX `customers_founded_owner_md` ON `customers` (`owner_id`, substr(`founded_on`, 6, 5)) WHERE deleted = 0 AND founded_on IS NOT NULL;
--> statement-breakpoint
-- The overdue list narrowed to a grade (a leader's 逾期重点客户, a manager's own): an index range, not a
-- walk over every overdue customer reading its grade.
CREATE INDEX `customer_visit_due_grade` ON `customer_visit_due` (`grade`, `due_date`) WHERE due_date IS NOT NULL;
--> statement-breakpoint
CREATE INDEX `customer_visit_due_owner_grade` ON `customer_visit_due` (`owner_id`, `grade`, `due_date`) WHERE due_date IS NOT NULL;
