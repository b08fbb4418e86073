-- One search for the whole app (issue #18). Local derived state, never synced, kept out of the drizzle
-- schema like customers_fts.
--
-- search_fts holds, per searchable record of any module (services/search: customers, tickets, …), the
-- tokens services/search/tokens.ts cuts in TypeScript — Chinese bigrams and characters, Latin/digit
-- trigrams, bigrams and characters, pinyin prefixes — under SQLite's default unicode61 tokenizer, so
-- 1- and 2-character terms are answered from an index (the trigram index of 0002 cannot hold them, and
-- the LIKE scan behind it took 0.9 s at p95 on a million customers). Columns: `module` (one token per
-- module), `scope` (owner/assignee tokens, so an account manager's scope is part of the index query),
-- f0…f5 (the module's fields in the order it registers them), `py` (pinyin). Contentless with
-- contentless_delete, as 0021: a re-index deletes the row without re-tokenizing its text.
--
-- search_docs maps an index rowid to its record; a record has a row here exactly while it has one in
-- search_fts. The triggers below only queue a changed record in search_queue (tokenizing needs
-- TypeScript); a search indexes the queue before it runs (services/search/store.ts), a big queue
-- (an import) is worked off in the background and matched by a scan of its records meanwhile.
CREATE VIRTUAL TABLE `search_fts` USING fts5(module, scope, f0, f1, f2, f3, f4, f5, py, content = '', contentless_delete = 1);
--> statement-breakpoint
CREATE TABLE `search_docs` (
  `doc` integer PRIMARY KEY,
  `module` text NOT NULL,
  `record_id` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_docs_record` ON `search_docs` (`module`, `record_id`);
--> statement-breakpoint
CREATE TABLE `search_queue` (
  `module` text NOT NULL,
  `record_id` text NOT NULL,
  PRIMARY KEY (`module`, `record_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER `search_customers_insert` AFTER INSERT ON `customers` BEGIN
  INSERT OR IGNORE INTO search_queue (module, record_id) VALUES ('customer', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_customers_update` AFTER UPDATE OF name, short_name, credit_code, address, owner_id, deleted ON `customers` BEGIN
  INSERT OR IGNORE INTO search_queue (module, record_id) VALUES ('customer', new.id);
  -- A ticket's scope follows its customer's owner.
  INSERT OR IGNORE INTO search_queue (module, record_id)
  SELECT 'ticket', t.id FROM tickets t WHERE t.customer_id = new.id AND old.owner_id IS NOT new.owner_id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_contacts_insert` AFTER INSERT ON `customer_contacts` BEGIN
  INSERT OR IGNORE INTO search_queue (module, record_id) VALUES ('customer', new.customer_id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_contacts_update` AFTER UPDATE OF name, mobile, phone, deleted, customer_id ON `customer_contacts` BEGIN
  INSERT OR IGNORE INTO search_queue (module, record_id) VALUES ('customer', old.customer_id), ('customer', new.customer_id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_services_insert` AFTER INSERT ON `service_instances` BEGIN
  INSERT OR IGNORE INTO search_queue (module, record_id) VALUES ('customer', new.customer_id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_services_update` AFTER UPDATE OF service_no, deleted, customer_id ON `service_instances` BEGIN
  INSERT OR IGNORE INTO search_queue (module, record_id) VALUES ('customer', old.customer_id), ('customer', new.customer_id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_tickets_insert` AFTER INSERT ON `tickets` BEGIN
  INSERT OR IGNORE INTO search_queue (module, record_id) VALUES ('ticket', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_tickets_update` AFTER UPDATE OF number, title, description, customer_id, assignee_id, assignee_dept, deleted ON `tickets` BEGIN
  INSERT OR IGNORE INTO search_queue (module, record_id) VALUES ('ticket', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_work_orders_insert` AFTER INSERT ON `work_orders` BEGIN
  INSERT OR IGNORE INTO search_queue (module, record_id) VALUES ('order', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_work_orders_update` AFTER UPDATE OF number, customer_id, business_type_name, site_address, notes, owner_id, current_dept, deleted ON `work_orders` BEGIN
  INSERT OR IGNORE INTO search_queue (module, record_id) VALUES ('order', new.id);
END;
--> statement-breakpoint
-- Staff see the orders their department has had a stage in: a new attempt can widen an order's scope.
CREATE TRIGGER `search_order_stages_insert` AFTER INSERT ON `order_stages` BEGIN
  INSERT OR IGNORE INTO search_queue (module, record_id) VALUES ('order', new.order_id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_order_stages_update` AFTER UPDATE OF order_id, department, deleted ON `order_stages` BEGIN
  INSERT OR IGNORE INTO search_queue (module, record_id) VALUES ('order', old.order_id), ('order', new.order_id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_contracts_insert` AFTER INSERT ON `contracts` BEGIN
  INSERT OR IGNORE INTO search_queue (module, record_id) VALUES ('contract', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_contracts_update` AFTER UPDATE OF number, title, customer_id, deleted ON `contracts` BEGIN
  INSERT OR IGNORE INTO search_queue (module, record_id) VALUES ('contract', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_request_forms_insert` AFTER INSERT ON `request_forms` BEGIN
  INSERT OR IGNORE INTO search_queue (module, record_id) VALUES ('form', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_request_forms_update` AFTER UPDATE OF number, title, customer_id, drafter_id, drafter_dept, status, approver_id, routed_dept, sent_at, deleted ON `request_forms` BEGIN
  INSERT OR IGNORE INTO search_queue (module, record_id) VALUES ('form', new.id);
END;
--> statement-breakpoint
-- Orders, contracts and forms index their customer's name, and orders and contracts are seen through
-- the customer's owner: a rename, a transfer or a delete re-queues them (deleted ones have no index row).
CREATE TRIGGER `search_customers_green` AFTER UPDATE OF name, owner_id, deleted ON `customers`
WHEN old.name IS NOT new.name OR old.owner_id IS NOT new.owner_id OR old.deleted IS NOT new.deleted BEGIN
  INSERT OR IGNORE INTO search_queue (module, record_id) SELECT 'order', o.id FROM work_orders o WHERE o.customer_id = new.id AND o.deleted = 0;
  INSERT OR IGNORE INTO search_queue (module, record_id) SELECT 'contract', k.id FROM contracts k WHERE k.customer_id = new.id AND k.deleted = 0;
  INSERT OR IGNORE INTO search_queue (module, record_id) SELECT 'form', f.id FROM request_forms f WHERE f.customer_id = new.id AND f.deleted = 0;
END;
