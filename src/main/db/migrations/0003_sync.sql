CREATE TABLE `sync_rejections` (
	`mutation_id` text PRIMARY KEY NOT NULL,
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`code` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_row_clocks` (
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`clocks` text NOT NULL,
	PRIMARY KEY(`table_name`, `row_id`)
);
--> statement-breakpoint
CREATE TABLE `sync_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`hq_url` text DEFAULT '' NOT NULL,
	`device_token` text DEFAULT '' NOT NULL,
	`interval_seconds` integer DEFAULT 300 NOT NULL,
	`pull_cursor` integer DEFAULT 0 NOT NULL,
	`hq_branch_code` text,
	`last_attempt_at` text,
	`last_success_at` text,
	`last_error_code` text,
	`last_error_at` text,
	`failures` integer DEFAULT 0 NOT NULL,
	`held_count` integer DEFAULT 0 NOT NULL
);
