-- "New key customers vs plan" counts a period's new customers per manager: this index answers it
-- without reading customer rows (a year of a million-customer branch is hundreds of thousands).
CREATE INDEX `report_customers_created` ON `customers` (`created_at`, `is_key`, `owner_id`) WHERE deleted = 0;
