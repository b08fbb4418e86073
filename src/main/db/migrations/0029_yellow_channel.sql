CREATE TABLE `care_budgets` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`owner_id` text NOT NULL,
	`year` integer NOT NULL,
	`budget_fen` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `care_budgets_owner_year` ON `care_budgets` (`owner_id`,`year`) WHERE deleted = 0;--> statement-breakpoint
CREATE TABLE `care_event_guests` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`event_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`contact_id` text,
	`invited_by_id` text,
	`status` text NOT NULL,
	`follow_up` text DEFAULT '' NOT NULL,
	`follow_up_date` text,
	`follow_up_done` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `care_event_guests_event` ON `care_event_guests` (`event_id`) WHERE deleted = 0;--> statement-breakpoint
CREATE INDEX `care_event_guests_customer` ON `care_event_guests` (`customer_id`) WHERE deleted = 0;--> statement-breakpoint
CREATE TABLE `care_events` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`number` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text,
	`location` text DEFAULT '' NOT NULL,
	`organizer_id` text NOT NULL,
	`status` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`cost_fen` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `care_events_starts` ON `care_events` (`starts_at`) WHERE deleted = 0;--> statement-breakpoint
CREATE TABLE `care_records` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`customer_id` text NOT NULL,
	`contact_id` text,
	`owner_id` text NOT NULL,
	`occasion` text NOT NULL,
	`holiday_key` text,
	`occasion_date` text NOT NULL,
	`kind` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`cost_fen` integer DEFAULT 0 NOT NULL,
	`status` text NOT NULL,
	`decided_by_id` text,
	`decided_at` text,
	`decision_note` text DEFAULT '' NOT NULL,
	`event_id` text
);
--> statement-breakpoint
CREATE INDEX `care_records_owner_date` ON `care_records` (`owner_id`,`occasion_date`) WHERE deleted = 0;--> statement-breakpoint
CREATE INDEX `care_records_customer` ON `care_records` (`customer_id`,`occasion_date`) WHERE deleted = 0;--> statement-breakpoint
CREATE INDEX `care_records_contact` ON `care_records` (`contact_id`,`occasion_date`) WHERE deleted = 0;--> statement-breakpoint
CREATE INDEX `care_records_pending` ON `care_records` (`status`,`created_at`) WHERE deleted = 0 AND status = 'pending';--> statement-breakpoint
CREATE TABLE `customer_visit_due` (
	`customer_id` text PRIMARY KEY NOT NULL,
	`owner_id` text,
	`grade` text,
	`last_visit_date` text,
	`due_date` text
);
--> statement-breakpoint
CREATE INDEX `customer_visit_due_owner` ON `customer_visit_due` (`owner_id`,`due_date`) WHERE due_date IS NOT NULL;--> statement-breakpoint
CREATE INDEX `customer_visit_due_date` ON `customer_visit_due` (`due_date`) WHERE due_date IS NOT NULL;--> statement-breakpoint
CREATE TABLE `visit_attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`visit_id` text NOT NULL,
	`file_name` text NOT NULL,
	`mime_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by_id` text
);
--> statement-breakpoint
CREATE INDEX `visit_attachments_visit` ON `visit_attachments` (`visit_id`);--> statement-breakpoint
CREATE TABLE `visit_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`owner_id` text NOT NULL,
	`month` text NOT NULL,
	`status` text NOT NULL,
	`submitted_at` text,
	`reviewed_by_id` text,
	`reviewed_at` text,
	`review_note` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `visit_plans_owner_month` ON `visit_plans` (`owner_id`,`month`) WHERE deleted = 0;--> statement-breakpoint
CREATE INDEX `visit_plans_month` ON `visit_plans` (`month`,`status`) WHERE deleted = 0;--> statement-breakpoint
CREATE TABLE `visit_rule_cache` (
	`grade` text PRIMARY KEY NOT NULL,
	`months` integer,
	`kinds` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `visits` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`number` text NOT NULL,
	`customer_id` text NOT NULL,
	`owner_id` text NOT NULL,
	`plan_id` text,
	`source` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`visit_date` text NOT NULL,
	`start_time` text,
	`duration_minutes` integer,
	`due_date` text,
	`on_time` integer,
	`participants` text DEFAULT '[]' NOT NULL,
	`contacts_met` text DEFAULT '[]' NOT NULL,
	`purpose` text DEFAULT '' NOT NULL,
	`needs` text DEFAULT '' NOT NULL,
	`competitor` text DEFAULT '' NOT NULL,
	`complaints` text DEFAULT '' NOT NULL,
	`outcome` text DEFAULT '' NOT NULL,
	`next_step` text DEFAULT '' NOT NULL,
	`next_step_date` text,
	`next_step_reminded_at` text,
	`drop_reason` text DEFAULT '' NOT NULL,
	`recorded_at` text,
	`late_entry` integer DEFAULT false NOT NULL,
	`recorded_by_id` text,
	`event_id` text
);
--> statement-breakpoint
CREATE INDEX `visits_owner_date` ON `visits` (`owner_id`,`visit_date`) WHERE deleted = 0;--> statement-breakpoint
CREATE INDEX `visits_date` ON `visits` (`visit_date`,`owner_id`,`status`) WHERE deleted = 0;--> statement-breakpoint
CREATE INDEX `visits_customer_date` ON `visits` (`customer_id`,`status`,`visit_date`) WHERE deleted = 0;--> statement-breakpoint
CREATE INDEX `visits_plan` ON `visits` (`plan_id`) WHERE deleted = 0;--> statement-breakpoint
CREATE INDEX `visits_next_step` ON `visits` (`next_step_date`) WHERE deleted = 0 AND next_step_reminded_at IS NULL AND next_step_date IS NOT NULL;--> statement-breakpoint
CREATE INDEX `visits_number` ON `visits` (`number`);--> statement-breakpoint
ALTER TABLE `customer_contacts` ADD `birthday_calendar` text DEFAULT 'solar' NOT NULL;--> statement-breakpoint
ALTER TABLE `customers` ADD `founded_on` text;--> statement-breakpoint
CREATE INDEX `customers_founded_md` ON `customers` (substr(`founded_on`, 6, 5)) WHERE deleted = 0 AND founded_on IS NOT NULL;--> statement-breakpoint
ALTER TABLE `tickets` ADD `visit_id` text;