-- Customers whose full-text rows (customers_fts) are behind their search text (customer_search_text).
-- A bulk write (an import, an import's undo) updates the text in its own transaction and queues the
-- customer here; a background pass rewrites the full-text rows a slice at a time. Until then searches
-- test a queued customer's text with LIKE instead of trusting its full-text rows, so results are right
-- from the moment the import commits. `parts`: 1 = the customer's own row (rowid seq * 2), 2 = its key
-- people's row (seq * 2 + 1). Derived local state: not synced.
CREATE TABLE `customer_search_pending` (
  `seq` integer PRIMARY KEY,
  `parts` integer NOT NULL
);
