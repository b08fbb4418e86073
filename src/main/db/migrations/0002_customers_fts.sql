-- Chinese full-text search over customers (ARCHITECTURE.md: FTS5 trigram, kept in step by triggers).
-- customers.id is text, so FTS rows are keyed by a stable integer from customer_search_map (an
-- INTEGER PRIMARY KEY survives VACUUM, a plain rowid would not). Local to this device, never synced.
CREATE TABLE `customer_search_map` (
  `seq` integer PRIMARY KEY,
  `customer_id` text NOT NULL UNIQUE
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `customers_fts` USING fts5(name, short_name, credit_code, address, people, tokenize = 'trigram');
--> statement-breakpoint
CREATE TRIGGER `customers_fts_insert` AFTER INSERT ON `customers` BEGIN
  INSERT OR IGNORE INTO customer_search_map (customer_id) VALUES (new.id);
  INSERT INTO customers_fts (rowid, name, short_name, credit_code, address, people)
  SELECT m.seq, new.name, new.short_name, new.credit_code, new.address,
    coalesce((SELECT group_concat(p.name || ' ' || p.mobile || ' ' || p.phone, ' ') FROM customer_contacts p
      WHERE p.customer_id = new.id AND p.deleted = 0), '')
  FROM customer_search_map m WHERE m.customer_id = new.id AND new.deleted = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `customers_fts_update` AFTER UPDATE OF name, short_name, credit_code, address, deleted ON `customers` BEGIN
  INSERT OR IGNORE INTO customer_search_map (customer_id) VALUES (new.id);
  DELETE FROM customers_fts WHERE rowid = (SELECT seq FROM customer_search_map WHERE customer_id = old.id);
  INSERT INTO customers_fts (rowid, name, short_name, credit_code, address, people)
  SELECT m.seq, new.name, new.short_name, new.credit_code, new.address,
    coalesce((SELECT group_concat(p.name || ' ' || p.mobile || ' ' || p.phone, ' ') FROM customer_contacts p
      WHERE p.customer_id = new.id AND p.deleted = 0), '')
  FROM customer_search_map m WHERE m.customer_id = new.id AND new.deleted = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `customer_contacts_fts_insert` AFTER INSERT ON `customer_contacts` BEGIN
  UPDATE customers_fts SET people = coalesce((SELECT group_concat(p.name || ' ' || p.mobile || ' ' || p.phone, ' ')
      FROM customer_contacts p WHERE p.customer_id = new.customer_id AND p.deleted = 0), '')
  WHERE rowid = (SELECT seq FROM customer_search_map WHERE customer_id = new.customer_id);
END;
--> statement-breakpoint
CREATE TRIGGER `customer_contacts_fts_update` AFTER UPDATE OF name, mobile, phone, deleted, customer_id ON `customer_contacts` BEGIN
  UPDATE customers_fts SET people = coalesce((SELECT group_concat(p.name || ' ' || p.mobile || ' ' || p.phone, ' ')
      FROM customer_contacts p WHERE p.customer_id = old.customer_id AND p.deleted = 0), '')
  WHERE rowid = (SELECT seq FROM customer_search_map WHERE customer_id = old.customer_id);
  UPDATE customers_fts SET people = coalesce((SELECT group_concat(p.name || ' ' || p.mobile || ' ' || p.phone, ' ')
      FROM customer_contacts p WHERE p.customer_id = new.customer_id AND p.deleted = 0), '')
  WHERE rowid = (SELECT seq FROM customer_search_map WHERE customer_id = new.customer_id) AND new.customer_id <> old.customer_id;
END;
