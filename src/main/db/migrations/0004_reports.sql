CREATE TABLE `report_targets` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`period` text NOT NULL,
	`manager_id` text NOT NULL,
	`metric` text DEFAULT 'new_key_customers' NOT NULL,
	`target` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `report_targets_period` ON `report_targets` (`period`,`manager_id`,`metric`);