-- The search texts of 0021 move out of customer_search_map into a table of their own, keyed by the
-- same seq. Every 3+ character search looks customers up in the map (seq → customer, owner); with the
-- texts in its rows the map grew threefold, and an account manager's broad search, which looks up
-- thousands of map rows, slowed from ~30 to ~45 ms at p95 on a branch of a million customers. The
-- map is narrow again; 1–2 character searches scan customer_search_text. A row there is written with
-- the customer and kept by the same triggers (texts NULL while the customer is deleted).
DROP TRIGGER `customers_fts_insert`;
--> statement-breakpoint
DROP TRIGGER `customers_fts_update`;
--> statement-breakpoint
DROP TRIGGER `customer_contacts_fts_insert`;
--> statement-breakpoint
DROP TRIGGER `customer_contacts_fts_update`;
--> statement-breakpoint
CREATE TABLE `customer_search_text` (
  `seq` integer PRIMARY KEY,
  `own_text` text,
  `people_text` text
);
--> statement-breakpoint
INSERT INTO `customer_search_text` (seq, own_text, people_text)
SELECT seq, own_text, people_text FROM customer_search_map ORDER BY seq;
--> statement-breakpoint
ALTER TABLE `customer_search_map` DROP COLUMN `own_text`;
--> statement-breakpoint
ALTER TABLE `customer_search_map` DROP COLUMN `people_text`;
--> statement-breakpoint
CREATE TRIGGER `customers_fts_insert` AFTER INSERT ON `customers` BEGIN
  INSERT INTO customer_search_map (customer_id, owner_id) VALUES (new.id, new.owner_id)
  ON CONFLICT (customer_id) DO UPDATE SET owner_id = excluded.owner_id;
  INSERT INTO customer_search_text (seq, own_text, people_text)
  SELECT m.seq,
    CASE WHEN new.deleted = 0 THEN new.name || ' ' || new.short_name || ' ' || new.credit_code || ' ' || new.address END,
    CASE WHEN new.deleted = 0 THEN (SELECT group_concat(p.name || ' ' || p.mobile || ' ' || p.phone, ' ')
      FROM customer_contacts p WHERE p.customer_id = new.id AND p.deleted = 0) END
  FROM customer_search_map m WHERE m.customer_id = new.id
  ON CONFLICT (seq) DO UPDATE SET own_text = excluded.own_text, people_text = excluded.people_text;
  DELETE FROM customers_fts WHERE rowid IN (SELECT seq * 2 FROM customer_search_map WHERE customer_id = new.id
    UNION ALL SELECT seq * 2 + 1 FROM customer_search_map WHERE customer_id = new.id);
  INSERT INTO customers_fts (rowid, name, short_name, credit_code, address)
  SELECT m.seq * 2, new.name, new.short_name, new.credit_code, new.address
  FROM customer_search_map m WHERE m.customer_id = new.id AND new.deleted = 0;
  INSERT INTO customers_fts (rowid, people)
  SELECT t.seq * 2 + 1, t.people_text FROM customer_search_map m JOIN customer_search_text t ON t.seq = m.seq
  WHERE m.customer_id = new.id AND t.people_text IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `customers_fts_update` AFTER UPDATE OF name, short_name, credit_code, address, deleted ON `customers` BEGIN
  INSERT INTO customer_search_map (customer_id, owner_id) VALUES (new.id, new.owner_id) ON CONFLICT (customer_id) DO NOTHING;
  INSERT INTO customer_search_text (seq, own_text, people_text)
  SELECT m.seq,
    CASE WHEN new.deleted = 0 THEN new.name || ' ' || new.short_name || ' ' || new.credit_code || ' ' || new.address END,
    CASE WHEN new.deleted = 0 THEN (SELECT group_concat(p.name || ' ' || p.mobile || ' ' || p.phone, ' ')
      FROM customer_contacts p WHERE p.customer_id = new.id AND p.deleted = 0) END
  FROM customer_search_map m WHERE m.customer_id = new.id
  ON CONFLICT (seq) DO UPDATE SET own_text = excluded.own_text, people_text = excluded.people_text;
  DELETE FROM customers_fts WHERE rowid = (SELECT seq * 2 FROM customer_search_map WHERE customer_id = new.id);
  INSERT INTO customers_fts (rowid, name, short_name, credit_code, address)
  SELECT m.seq * 2, new.name, new.short_name, new.credit_code, new.address
  FROM customer_search_map m WHERE m.customer_id = new.id AND new.deleted = 0;
  -- The key people's row goes and comes back with the customer.
  DELETE FROM customers_fts WHERE old.deleted IS NOT new.deleted
    AND rowid = (SELECT seq * 2 + 1 FROM customer_search_map WHERE customer_id = new.id);
  INSERT INTO customers_fts (rowid, people)
  SELECT t.seq * 2 + 1, t.people_text FROM customer_search_map m JOIN customer_search_text t ON t.seq = m.seq
  WHERE m.customer_id = new.id AND old.deleted IS NOT new.deleted AND t.people_text IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `customer_contacts_fts_insert` AFTER INSERT ON `customer_contacts` BEGIN
  UPDATE customer_search_text SET people_text = (SELECT group_concat(p.name || ' ' || p.mobile || ' ' || p.phone, ' ')
      FROM customer_contacts p WHERE p.customer_id = new.customer_id AND p.deleted = 0)
  WHERE seq = (SELECT seq FROM customer_search_map WHERE customer_id = new.customer_id) AND own_text IS NOT NULL;
  DELETE FROM customers_fts WHERE rowid = (SELECT seq * 2 + 1 FROM customer_search_map WHERE customer_id = new.customer_id);
  INSERT INTO customers_fts (rowid, people)
  SELECT t.seq * 2 + 1, t.people_text FROM customer_search_map m JOIN customer_search_text t ON t.seq = m.seq
  WHERE m.customer_id = new.customer_id AND t.people_text IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `customer_contacts_fts_update` AFTER UPDATE OF name, mobile, phone, deleted, customer_id ON `customer_contacts` BEGIN
  UPDATE customer_search_text SET people_text = (SELECT group_concat(p.name || ' ' || p.mobile || ' ' || p.phone, ' ')
      FROM customer_contacts p JOIN customer_search_map m ON m.customer_id = p.customer_id
      WHERE m.seq = customer_search_text.seq AND p.deleted = 0)
  WHERE seq IN (SELECT seq FROM customer_search_map WHERE customer_id IN (old.customer_id, new.customer_id)) AND own_text IS NOT NULL;
  DELETE FROM customers_fts WHERE rowid IN (SELECT seq * 2 + 1 FROM customer_search_map WHERE customer_id IN (old.customer_id, new.customer_id));
  INSERT INTO customers_fts (rowid, people)
  SELECT t.seq * 2 + 1, t.people_text FROM customer_search_map m JOIN customer_search_text t ON t.seq = m.seq
  WHERE m.customer_id IN (old.customer_id, new.customer_id) AND t.people_text IS NOT NULL;
END;
