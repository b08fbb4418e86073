-- Evaluation results become local, compact history (issue #3: a 1M-customer run wrote 1M result rows
-- of ~330 bytes plus 1M outbox rows for HQ). Keyed by run then customer, WITHOUT ROWID: a run's rows
-- append to the end of the table, and a customer's history is one seek per run. Period and time come
-- from the (still synced) run row. Existing results are carried over; 0017 drops the old table.
CREATE TABLE `customer_evaluation_scores` (
	`run_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`bill_count` integer NOT NULL,
	`billed_fen` integer NOT NULL,
	`paid_fen` integer NOT NULL,
	`on_time_ratio` real,
	`revenue_share` real NOT NULL,
	`growth` real,
	`score` real NOT NULL,
	`grade` text NOT NULL,
	`previous_grade` text,
	PRIMARY KEY(`run_id`, `customer_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `customer_evaluation_scores_run_score` ON `customer_evaluation_scores` (`run_id`,`score`);
--> statement-breakpoint
INSERT OR REPLACE INTO `customer_evaluation_scores` (`run_id`, `customer_id`, `bill_count`, `billed_fen`, `paid_fen`,
  `on_time_ratio`, `revenue_share`, `growth`, `score`, `grade`, `previous_grade`)
SELECT `run_id`, `customer_id`, `bill_count`, `billed_fen`, `paid_fen`, `on_time_ratio`, `revenue_share`, `growth`, `score`,
  `grade`, `previous_grade`
FROM `customer_evaluation_results` WHERE `deleted` = 0 ORDER BY `run_id`, `customer_id`;
