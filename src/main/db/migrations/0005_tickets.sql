CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`message_key` text NOT NULL,
	`params` text DEFAULT '{}' NOT NULL,
	`route` text,
	`ticket_id` text,
	`read_at` text
);
--> statement-breakpoint
CREATE INDEX `notifications_user` ON `notifications` (`user_id`,`read_at`,`created_at`);--> statement-breakpoint
CREATE TABLE `sla_calendars` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`name` text NOT NULL,
	`definition` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sla_policies` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`name` text NOT NULL,
	`priority` text NOT NULL,
	`grade` text NOT NULL,
	`calendar_id` text NOT NULL,
	`response_minutes` integer NOT NULL,
	`resolution_minutes` integer NOT NULL,
	`reply_minutes` integer NOT NULL,
	`warn_ratio` real DEFAULT 0.8 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sla_policies_priority_grade` ON `sla_policies` (`priority`,`grade`);--> statement-breakpoint
CREATE TABLE `ticket_attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`ticket_id` text NOT NULL,
	`file_name` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`mime_type` text DEFAULT 'application/octet-stream' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ticket_attachments_ticket` ON `ticket_attachments` (`ticket_id`);--> statement-breakpoint
CREATE TABLE `ticket_categories` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`parent_id` text,
	`name` text NOT NULL,
	`kind` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ticket_categories_parent` ON `ticket_categories` (`parent_id`,`sort_order`);--> statement-breakpoint
CREATE TABLE `ticket_events` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`ticket_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`at` text NOT NULL,
	`kind` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`actor_id` text,
	`actor_name` text,
	`note` text DEFAULT '' NOT NULL,
	`data` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ticket_events_ticket` ON `ticket_events` (`ticket_id`,`at`);--> statement-breakpoint
CREATE INDEX `ticket_events_customer` ON `ticket_events` (`customer_id`,`at`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`number` text NOT NULL,
	`kind` text NOT NULL,
	`customer_id` text NOT NULL,
	`customer_grade` text,
	`contact_id` text,
	`service_instance_id` text,
	`channel` text NOT NULL,
	`category_id` text,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`impact` text NOT NULL,
	`priority` text NOT NULL,
	`priority_reason` text,
	`status` text NOT NULL,
	`is_open` integer DEFAULT 1 NOT NULL,
	`assignee_dept` text,
	`assignee_id` text,
	`created_by_id` text,
	`policy_id` text,
	`policy_name` text DEFAULT '' NOT NULL,
	`calendar_id` text,
	`calendar_name` text DEFAULT '' NOT NULL,
	`response_minutes` integer NOT NULL,
	`resolution_minutes` integer NOT NULL,
	`reply_minutes` integer NOT NULL,
	`warn_ratio` real NOT NULL,
	`resolution_start_at` text NOT NULL,
	`pauses` text DEFAULT '[]' NOT NULL,
	`response_due_at` text,
	`resolution_due_at` text,
	`reply_due_at` text,
	`sla_clock` text,
	`next_due_at` text,
	`next_warn_at` text,
	`due_sort` text NOT NULL,
	`sla_level` integer DEFAULT 0 NOT NULL,
	`responded_at` text,
	`response_on_time` integer,
	`resolved_at` text,
	`first_resolved_at` text,
	`resolution_on_time` integer,
	`resolution_business_minutes` real,
	`resolution` text DEFAULT '' NOT NULL,
	`responsible_dept` text,
	`cause` text DEFAULT '' NOT NULL,
	`our_fault` integer,
	`replied_at` text,
	`reply_on_time` integer,
	`reply_method` text,
	`reply_content` text DEFAULT '' NOT NULL,
	`visited_at` text,
	`satisfaction` integer,
	`satisfaction_comment` text DEFAULT '' NOT NULL,
	`rework_count` integer DEFAULT 0 NOT NULL,
	`archived_at` text,
	`cancelled_at` text,
	`cancel_reason` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_number` ON `tickets` (`branch_id`,`number`);--> statement-breakpoint
CREATE INDEX `tickets_open_due` ON `tickets` (`due_sort`) WHERE is_open = 1;--> statement-breakpoint
CREATE INDEX `tickets_open_assignee_due` ON `tickets` (`assignee_id`,`due_sort`) WHERE is_open = 1;--> statement-breakpoint
CREATE INDEX `tickets_open_status_due` ON `tickets` (`status`,`due_sort`) WHERE is_open = 1;--> statement-breakpoint
CREATE INDEX `tickets_open_customer_due` ON `tickets` (`customer_id`,`due_sort`) WHERE is_open = 1;--> statement-breakpoint
CREATE INDEX `tickets_open_warn` ON `tickets` (`next_warn_at`,`due_sort`) WHERE is_open = 1;--> statement-breakpoint
CREATE INDEX `tickets_customer` ON `tickets` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `tickets_service_open` ON `tickets` (`service_instance_id`,`is_open`);--> statement-breakpoint
CREATE INDEX `tickets_created` ON `tickets` (`created_at`);