-- Faster re-indexing of customers (issue #3: an import of 100,000 address changes spent 7 s of 18 in
-- the full-text index). Two changes:
--
-- 1. Each customer's full-text row is split in two: its own text at rowid seq * 2 (name, short name,
--    credit code, address) and its key people at seq * 2 + 1 (people), seq being the customer's
--    customer_search_map.seq. A customer change re-indexes the first, a key-person change the second;
--    before, both were tokenized again for either. A customer matches a search term when either of its
--    rows does (customers/list.ts).
-- 2. The index keeps no copy of the text (contentless_delete): FTS5 deleted a row by reading its text
--    back and tokenizing it again, which cost as much as indexing it; now a delete is a tombstone. The
--    text that 1–2 character searches scan with LIKE (trigrams cannot index them) moves to the search
--    map: own_text (the four fields, space-separated: search terms never hold a space) and people_text,
--    both NULL while the customer is deleted.
--
-- A contentless index cannot tell that a row already exists, so every trigger deletes a row before
-- writing it.
ALTER TABLE `customer_search_map` ADD `own_text` text;
--> statement-breakpoint
ALTER TABLE `customer_search_map` ADD `people_text` text;
--> statement-breakpoint
DROP TRIGGER `customers_fts_insert`;
--> statement-breakpoint
DROP TRIGGER `customers_fts_update`;
--> statement-breakpoint
DROP TRIGGER `customer_contacts_fts_insert`;
--> statement-breakpoint
DROP TRIGGER `customer_contacts_fts_update`;
--> statement-breakpoint
DROP TABLE `customers_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `customers_fts` USING fts5(name, short_name, credit_code, address, people, tokenize = 'trigram', content = '', contentless_delete = 1);
--> statement-breakpoint
UPDATE `customer_search_map` SET
  `own_text` = (SELECT c.name || ' ' || c.short_name || ' ' || c.credit_code || ' ' || c.address FROM customers c
    WHERE c.id = customer_search_map.customer_id AND c.deleted = 0),
  `people_text` = (SELECT group_concat(p.name || ' ' || p.mobile || ' ' || p.phone, ' ') FROM customer_contacts p
    WHERE p.customer_id = customer_search_map.customer_id AND p.deleted = 0
      AND EXISTS (SELECT 1 FROM customers c WHERE c.id = customer_search_map.customer_id AND c.deleted = 0));
--> statement-breakpoint
INSERT INTO `customers_fts` (rowid, name, short_name, credit_code, address)
SELECT m.seq * 2, c.name, c.short_name, c.credit_code, c.address
FROM customer_search_map m JOIN customers c ON c.id = m.customer_id WHERE c.deleted = 0 ORDER BY m.seq;
--> statement-breakpoint
INSERT INTO `customers_fts` (rowid, people)
SELECT m.seq * 2 + 1, m.people_text FROM customer_search_map m WHERE m.people_text IS NOT NULL ORDER BY m.seq;
--> statement-breakpoint
CREATE TRIGGER `customers_fts_insert` AFTER INSERT ON `customers` BEGIN
  INSERT INTO customer_search_map (customer_id, owner_id) VALUES (new.id, new.owner_id)
  ON CONFLICT (customer_id) DO UPDATE SET owner_id = excluded.owner_id;
  UPDATE customer_search_map SET
    own_text = CASE WHEN new.deleted = 0 THEN new.name || ' ' || new.short_name || ' ' || new.credit_code || ' ' || new.address END,
    people_text = CASE WHEN new.deleted = 0 THEN (SELECT group_concat(p.name || ' ' || p.mobile || ' ' || p.phone, ' ')
      FROM customer_contacts p WHERE p.customer_id = new.id AND p.deleted = 0) END
  WHERE customer_id = new.id;
  DELETE FROM customers_fts WHERE rowid IN (SELECT seq * 2 FROM customer_search_map WHERE customer_id = new.id
    UNION ALL SELECT seq * 2 + 1 FROM customer_search_map WHERE customer_id = new.id);
  INSERT INTO customers_fts (rowid, name, short_name, credit_code, address)
  SELECT m.seq * 2, new.name, new.short_name, new.credit_code, new.address
  FROM customer_search_map m WHERE m.customer_id = new.id AND new.deleted = 0;
  INSERT INTO customers_fts (rowid, people)
  SELECT m.seq * 2 + 1, m.people_text FROM customer_search_map m WHERE m.customer_id = new.id AND m.people_text IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `customers_fts_update` AFTER UPDATE OF name, short_name, credit_code, address, deleted ON `customers` BEGIN
  INSERT INTO customer_search_map (customer_id, owner_id) VALUES (new.id, new.owner_id) ON CONFLICT (customer_id) DO NOTHING;
  UPDATE customer_search_map SET
    own_text = CASE WHEN new.deleted = 0 THEN new.name || ' ' || new.short_name || ' ' || new.credit_code || ' ' || new.address END,
    people_text = CASE WHEN new.deleted = 0 THEN (SELECT group_concat(p.name || ' ' || p.mobile || ' ' || p.phone, ' ')
      FROM customer_contacts p WHERE p.customer_id = new.id AND p.deleted = 0) END
  WHERE customer_id = new.id;
  DELETE FROM customers_fts WHERE rowid = (SELECT seq * 2 FROM customer_search_map WHERE customer_id = new.id);
  INSERT INTO customers_fts (rowid, name, short_name, credit_code, address)
  SELECT m.seq * 2, new.name, new.short_name, new.credit_code, new.address
  FROM customer_search_map m WHERE m.customer_id = new.id AND new.deleted = 0;
  -- The key people's row goes and comes back with the customer.
  DELETE FROM customers_fts WHERE old.deleted IS NOT new.deleted
    AND rowid = (SELECT seq * 2 + 1 FROM customer_search_map WHERE customer_id = new.id);
  INSERT INTO customers_fts (rowid, people)
  SELECT m.seq * 2 + 1, m.people_text FROM customer_search_map m
  WHERE m.customer_id = new.id AND old.deleted IS NOT new.deleted AND m.people_text IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `customer_contacts_fts_insert` AFTER INSERT ON `customer_contacts` BEGIN
  UPDATE customer_search_map SET people_text = (SELECT group_concat(p.name || ' ' || p.mobile || ' ' || p.phone, ' ')
      FROM customer_contacts p WHERE p.customer_id = new.customer_id AND p.deleted = 0)
  WHERE customer_id = new.customer_id AND own_text IS NOT NULL;
  DELETE FROM customers_fts WHERE rowid = (SELECT seq * 2 + 1 FROM customer_search_map WHERE customer_id = new.customer_id);
  INSERT INTO customers_fts (rowid, people)
  SELECT m.seq * 2 + 1, m.people_text FROM customer_search_map m WHERE m.customer_id = new.customer_id AND m.people_text IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `customer_contacts_fts_update` AFTER UPDATE OF name, mobile, phone, deleted, customer_id ON `customer_contacts` BEGIN
  UPDATE customer_search_map SET people_text = (SELECT group_concat(p.name || ' ' || p.mobile || ' ' || p.phone, ' ')
      FROM customer_contacts p WHERE p.customer_id = customer_search_map.customer_id AND p.deleted = 0)
  WHERE customer_id IN (old.customer_id, new.customer_id) AND own_text IS NOT NULL;
  DELETE FROM customers_fts WHERE rowid IN (SELECT seq * 2 + 1 FROM customer_search_map WHERE customer_id IN (old.customer_id, new.customer_id));
  INSERT INTO customers_fts (rowid, people)
  SELECT m.seq * 2 + 1, m.people_text FROM customer_search_map m
  WHERE m.customer_id IN (old.customer_id, new.customer_id) AND m.people_text IS NOT NULL;
END;
