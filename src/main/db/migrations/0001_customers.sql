CREATE TABLE `customer_bills` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`customer_id` text NOT NULL,
	`period` text NOT NULL,
	`billed_fen` integer NOT NULL,
	`paid_fen` integer DEFAULT 0 NOT NULL,
	`paid_date` text,
	`due_date` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `customer_bills_customer_period` ON `customer_bills` (`customer_id`,`period`);--> statement-breakpoint
CREATE INDEX `customer_bills_period` ON `customer_bills` (`period`,`customer_id`);--> statement-breakpoint
CREATE TABLE `customer_contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`customer_id` text NOT NULL,
	`name` text NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`department` text DEFAULT '' NOT NULL,
	`decision_role` text,
	`mobile` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`wechat` text DEFAULT '' NOT NULL,
	`qq` text DEFAULT '' NOT NULL,
	`birthday` text,
	`is_primary` integer DEFAULT false NOT NULL,
	`notes` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `customer_contacts_customer` ON `customer_contacts` (`customer_id`);--> statement-breakpoint
CREATE INDEX `customer_contacts_mobile` ON `customer_contacts` (`mobile`);--> statement-breakpoint
CREATE TABLE `customer_credit` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`customer_id` text NOT NULL,
	`rating` text NOT NULL,
	`limit_fen` integer DEFAULT 0 NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `customer_credit_customer` ON `customer_credit` (`customer_id`,`at`);--> statement-breakpoint
CREATE TABLE `customer_evaluation_results` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`run_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`period` text NOT NULL,
	`bill_count` integer NOT NULL,
	`billed_fen` integer NOT NULL,
	`paid_fen` integer NOT NULL,
	`on_time_ratio` real,
	`revenue_share` real NOT NULL,
	`growth` real,
	`score` real NOT NULL,
	`grade` text NOT NULL,
	`previous_grade` text
);
--> statement-breakpoint
CREATE INDEX `customer_evaluation_results_run` ON `customer_evaluation_results` (`run_id`,`score`);--> statement-breakpoint
CREATE INDEX `customer_evaluation_results_customer` ON `customer_evaluation_results` (`customer_id`,`period`);--> statement-breakpoint
CREATE TABLE `customer_evaluation_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`period_type` text NOT NULL,
	`period` text NOT NULL,
	`ran_at` text NOT NULL,
	`ran_by_id` text,
	`ran_by_name` text,
	`customer_count` integer NOT NULL,
	`grade_counts` text NOT NULL,
	`branch_billed_fen` integer NOT NULL,
	`rules` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `customer_evaluation_runs_at` ON `customer_evaluation_runs` (`ran_at`);--> statement-breakpoint
CREATE TABLE `customer_import_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`by_id` text,
	`by_name` text,
	`at` text NOT NULL,
	`created` integer NOT NULL,
	`updated` integer NOT NULL,
	`undone_at` text
);
--> statement-breakpoint
CREATE INDEX `customer_import_batches_at` ON `customer_import_batches` (`at`);--> statement-breakpoint
CREATE TABLE `customer_import_rows` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`batch_id` text NOT NULL,
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`action` text NOT NULL,
	`before` text
);
--> statement-breakpoint
CREATE INDEX `customer_import_rows_batch` ON `customer_import_rows` (`batch_id`);--> statement-breakpoint
CREATE TABLE `customer_ownership_log` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`customer_id` text NOT NULL,
	`kind` text NOT NULL,
	`from_owner_id` text,
	`to_owner_id` text,
	`by_id` text,
	`by_name` text,
	`reason` text DEFAULT '' NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `customer_ownership_customer` ON `customer_ownership_log` (`customer_id`,`at`);--> statement-breakpoint
CREATE INDEX `customer_ownership_at` ON `customer_ownership_log` (`at`);--> statement-breakpoint
CREATE INDEX `customer_ownership_claims` ON `customer_ownership_log` (`by_id`,`kind`,`at`);--> statement-breakpoint
CREATE TABLE `customer_projects` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`customer_id` text NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'planning' NOT NULL,
	`amount_fen` integer DEFAULT 0 NOT NULL,
	`start_date` text,
	`end_date` text,
	`manager` text DEFAULT '' NOT NULL,
	`notes` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `customer_projects_customer` ON `customer_projects` (`customer_id`);--> statement-breakpoint
CREATE TABLE `customer_resources` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`customer_id` text NOT NULL,
	`kind` text NOT NULL,
	`identifier` text NOT NULL,
	`detail` text DEFAULT '' NOT NULL,
	`service_id` text
);
--> statement-breakpoint
CREATE INDEX `customer_resources_customer` ON `customer_resources` (`customer_id`);--> statement-breakpoint
CREATE INDEX `customer_resources_identifier` ON `customer_resources` (`identifier`);--> statement-breakpoint
CREATE TABLE `customer_stage_history` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`customer_id` text NOT NULL,
	`from_stage` text,
	`to_stage` text NOT NULL,
	`by_id` text,
	`by_name` text,
	`note` text DEFAULT '' NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `customer_stage_customer` ON `customer_stage_history` (`customer_id`,`at`);--> statement-breakpoint
CREATE TABLE `customer_views` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`filters` text NOT NULL,
	`shared` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `customer_views_user` ON `customer_views` (`user_id`);--> statement-breakpoint
CREATE TABLE `customer_warnings` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`customer_id` text NOT NULL,
	`kind` text NOT NULL,
	`value` real NOT NULL,
	`amount_fen` integer NOT NULL,
	`period` text DEFAULT '' NOT NULL,
	`raised_at` text NOT NULL,
	`acknowledged` integer DEFAULT false NOT NULL,
	`resolved_at` text
);
--> statement-breakpoint
CREATE INDEX `customer_warnings_open` ON `customer_warnings` (`resolved_at`,`kind`);--> statement-breakpoint
CREATE INDEX `customer_warnings_customer` ON `customer_warnings` (`customer_id`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`short_name` text DEFAULT '' NOT NULL,
	`credit_code` text DEFAULT '' NOT NULL,
	`industry` text DEFAULT '' NOT NULL,
	`type` text DEFAULT 'enterprise' NOT NULL,
	`region` text DEFAULT '' NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`size` text,
	`parent_id` text,
	`sensitivity` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`owner_id` text,
	`stage` text DEFAULT 'new' NOT NULL,
	`grade` text,
	`grade_period` text,
	`designated_strategic` integer DEFAULT false NOT NULL,
	`monthly_spend_fen` integer DEFAULT 0 NOT NULL,
	`arrears_fen` integer DEFAULT 0 NOT NULL,
	`is_key` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `customers_owner_updated` ON `customers` (`owner_id`,`updated_at`) WHERE deleted = 0;--> statement-breakpoint
CREATE INDEX `customers_updated` ON `customers` (`updated_at`) WHERE deleted = 0;--> statement-breakpoint
CREATE INDEX `customers_created` ON `customers` (`created_at`) WHERE deleted = 0;--> statement-breakpoint
CREATE INDEX `customers_name` ON `customers` (`name`) WHERE deleted = 0;--> statement-breakpoint
CREATE INDEX `customers_name_key` ON `customers` (`name_key`);--> statement-breakpoint
CREATE INDEX `customers_credit_code` ON `customers` (`credit_code`);--> statement-breakpoint
CREATE INDEX `customers_parent` ON `customers` (`parent_id`);--> statement-breakpoint
CREATE INDEX `customers_grade` ON `customers` (`grade`,`updated_at`) WHERE deleted = 0;--> statement-breakpoint
CREATE INDEX `customers_stage` ON `customers` (`stage`,`updated_at`) WHERE deleted = 0;--> statement-breakpoint
CREATE INDEX `customers_industry` ON `customers` (`industry`,`updated_at`) WHERE deleted = 0;--> statement-breakpoint
CREATE INDEX `customers_region` ON `customers` (`region`,`updated_at`) WHERE deleted = 0;--> statement-breakpoint
CREATE INDEX `customers_type` ON `customers` (`type`,`updated_at`) WHERE deleted = 0;--> statement-breakpoint
CREATE INDEX `customers_key` ON `customers` (`is_key`,`updated_at`) WHERE deleted = 0;--> statement-breakpoint
CREATE INDEX `customers_spend` ON `customers` (`monthly_spend_fen`) WHERE deleted = 0;--> statement-breakpoint
CREATE INDEX `customers_arrears` ON `customers` (`arrears_fen`) WHERE deleted = 0;--> statement-breakpoint
CREATE TABLE `service_instances` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`customer_id` text NOT NULL,
	`product` text NOT NULL,
	`service_no` text NOT NULL,
	`bandwidth` text DEFAULT '' NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`start_date` text,
	`monthly_fee_fen` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'active' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `service_instances_customer` ON `service_instances` (`customer_id`);--> statement-breakpoint
CREATE INDEX `service_instances_no` ON `service_instances` (`service_no`);