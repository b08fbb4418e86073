CREATE TABLE `contracts` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`number` text NOT NULL,
	`customer_id` text NOT NULL,
	`owner_id` text,
	`title` text NOT NULL,
	`amount_fen` integer DEFAULT 0 NOT NULL,
	`sign_date` text,
	`start_date` text,
	`end_date` text,
	`original_end_date` text,
	`payment_terms` text DEFAULT '' NOT NULL,
	`renewal_terms` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`predecessor_id` text,
	`successor_id` text,
	`reminded_end_date` text,
	`terminated_at` text,
	`terminate_reason` text,
	`notes` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contracts_number` ON `contracts` (`branch_id`,`number`);--> statement-breakpoint
CREATE INDEX `contracts_customer` ON `contracts` (`customer_id`,`end_date`) WHERE deleted = 0;--> statement-breakpoint
CREATE INDEX `contracts_status_end` ON `contracts` (`status`,`end_date`) WHERE deleted = 0;--> statement-breakpoint
CREATE INDEX `contracts_owner_status_end` ON `contracts` (`owner_id`,`status`,`end_date`) WHERE deleted = 0;--> statement-breakpoint
CREATE INDEX `contracts_predecessor` ON `contracts` (`predecessor_id`) WHERE predecessor_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `green_attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`file_name` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`mime_type` text DEFAULT 'application/octet-stream' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `green_attachments_entity` ON `green_attachments` (`entity_id`);--> statement-breakpoint
CREATE TABLE `green_events` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`at` text NOT NULL,
	`kind` text NOT NULL,
	`actor_id` text,
	`actor_name` text,
	`on_behalf_of_id` text,
	`on_behalf_of_name` text,
	`note` text DEFAULT '' NOT NULL,
	`data` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `green_events_entity` ON `green_events` (`entity_id`,`at`);--> statement-breakpoint
CREATE INDEX `green_events_customer` ON `green_events` (`customer_id`,`at`);--> statement-breakpoint
CREATE TABLE `leader_deputies` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`leader_id` text NOT NULL,
	`deputy_id` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`note` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `leader_deputies_leader` ON `leader_deputies` (`leader_id`,`from_date`) WHERE deleted = 0;--> statement-breakpoint
CREATE INDEX `leader_deputies_deputy` ON `leader_deputies` (`deputy_id`,`from_date`) WHERE deleted = 0;--> statement-breakpoint
CREATE TABLE `order_stages` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`order_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`business_type` text NOT NULL,
	`owner_id` text,
	`seq` integer NOT NULL,
	`stage_key` text NOT NULL,
	`name` text NOT NULL,
	`department` text NOT NULL,
	`limit_minutes` integer NOT NULL,
	`required` integer DEFAULT true NOT NULL,
	`attempt` integer DEFAULT 1 NOT NULL,
	`status` text NOT NULL,
	`is_open` integer DEFAULT 1 NOT NULL,
	`entered_at` text NOT NULL,
	`accepted_at` text,
	`holder_id` text,
	`completed_at` text,
	`result` text DEFAULT '' NOT NULL,
	`due_at` text,
	`warn_at` text,
	`sla_level` integer DEFAULT 0 NOT NULL,
	`on_time` integer,
	`business_minutes` real,
	`return_reason` text,
	`return_note` text,
	`return_to_seq` integer
);
--> statement-breakpoint
CREATE INDEX `order_stages_order` ON `order_stages` (`order_id`,`seq`,`attempt`);--> statement-breakpoint
CREATE INDEX `order_stages_open_dept_due` ON `order_stages` (`department`,`due_at`) WHERE is_open = 1;--> statement-breakpoint
CREATE INDEX `order_stages_open_holder_due` ON `order_stages` (`holder_id`,`due_at`) WHERE is_open = 1;--> statement-breakpoint
CREATE INDEX `order_stages_open_warn` ON `order_stages` (`warn_at`,`due_at`) WHERE is_open = 1;--> statement-breakpoint
CREATE INDEX `order_stages_completed` ON `order_stages` (`completed_at`,`business_type`,`department`);--> statement-breakpoint
CREATE INDEX `order_stages_entered` ON `order_stages` (`entered_at`);--> statement-breakpoint
CREATE TABLE `request_forms` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`number` text NOT NULL,
	`kind` text NOT NULL,
	`customer_id` text NOT NULL,
	`order_id` text,
	`title` text NOT NULL,
	`content` text DEFAULT '' NOT NULL,
	`important` integer DEFAULT false NOT NULL,
	`drafter_id` text NOT NULL,
	`drafter_dept` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`is_open` integer DEFAULT 1 NOT NULL,
	`approver_id` text,
	`escalation_level` integer DEFAULT 0 NOT NULL,
	`approved_by_id` text,
	`approved_for_id` text,
	`approved_at` text,
	`approval_comment` text,
	`routed_dept` text,
	`answer` text DEFAULT '' NOT NULL,
	`answered_by_id` text,
	`answered_at` text,
	`closed_at` text,
	`sent_at` text,
	`business_minutes` real,
	`on_time` integer,
	`reopen_count` integer DEFAULT 0 NOT NULL,
	`calendar_id` text,
	`step_started_at` text,
	`step_limit_minutes` integer,
	`due_at` text,
	`warn_at` text,
	`due_sort` text NOT NULL,
	`sla_level` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `request_forms_number` ON `request_forms` (`branch_id`,`number`);--> statement-breakpoint
CREATE INDEX `request_forms_open_status_due` ON `request_forms` (`status`,`due_sort`) WHERE is_open = 1;--> statement-breakpoint
CREATE INDEX `request_forms_open_approver_due` ON `request_forms` (`approver_id`,`due_sort`) WHERE is_open = 1;--> statement-breakpoint
CREATE INDEX `request_forms_open_dept_due` ON `request_forms` (`routed_dept`,`due_sort`) WHERE is_open = 1;--> statement-breakpoint
CREATE INDEX `request_forms_open_drafter_due` ON `request_forms` (`drafter_id`,`due_sort`) WHERE is_open = 1;--> statement-breakpoint
CREATE INDEX `request_forms_open_warn` ON `request_forms` (`warn_at`,`due_sort`) WHERE is_open = 1;--> statement-breakpoint
CREATE INDEX `request_forms_customer` ON `request_forms` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `request_forms_order` ON `request_forms` (`order_id`) WHERE order_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `request_forms_created` ON `request_forms` (`created_at`);--> statement-breakpoint
CREATE INDEX `request_forms_answered` ON `request_forms` (`answered_at`,`kind`);--> statement-breakpoint
CREATE TABLE `work_orders` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`number` text NOT NULL,
	`customer_id` text NOT NULL,
	`owner_id` text,
	`created_by_id` text,
	`business_type` text NOT NULL,
	`business_type_name` text NOT NULL,
	`template_version` integer NOT NULL,
	`stage_plan` text NOT NULL,
	`products` text DEFAULT '[]' NOT NULL,
	`site_address` text DEFAULT '' NOT NULL,
	`expected_date` text,
	`contract_id` text,
	`visit_id` text,
	`notes` text DEFAULT '' NOT NULL,
	`calendar_id` text,
	`status` text NOT NULL,
	`is_open` integer DEFAULT 1 NOT NULL,
	`current_stage_id` text,
	`current_seq` integer,
	`current_stage_name` text,
	`current_dept` text,
	`current_holder_id` text,
	`stage_due_at` text,
	`stage_warn_at` text,
	`due_sort` text NOT NULL,
	`return_count` integer DEFAULT 0 NOT NULL,
	`breach_count` integer DEFAULT 0 NOT NULL,
	`plan_minutes` integer DEFAULT 0 NOT NULL,
	`business_minutes` real,
	`on_time` integer,
	`activated_at` text,
	`closed_at` text,
	`cancelled_at` text,
	`cancel_reason` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `work_orders_number` ON `work_orders` (`branch_id`,`number`);--> statement-breakpoint
CREATE INDEX `work_orders_open_dept_due` ON `work_orders` (`current_dept`,`due_sort`) WHERE is_open = 1;--> statement-breakpoint
CREATE INDEX `work_orders_open_owner_due` ON `work_orders` (`owner_id`,`due_sort`) WHERE is_open = 1;--> statement-breakpoint
CREATE INDEX `work_orders_open_status_due` ON `work_orders` (`status`,`due_sort`) WHERE is_open = 1;--> statement-breakpoint
CREATE INDEX `work_orders_open_due` ON `work_orders` (`due_sort`,`stage_warn_at`) WHERE is_open = 1;--> statement-breakpoint
CREATE INDEX `work_orders_open_warn` ON `work_orders` (`stage_warn_at`,`due_sort`) WHERE is_open = 1;--> statement-breakpoint
CREATE INDEX `work_orders_customer` ON `work_orders` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `work_orders_owner_created` ON `work_orders` (`owner_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `work_orders_contract` ON `work_orders` (`contract_id`) WHERE contract_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `work_orders_created` ON `work_orders` (`created_at`);--> statement-breakpoint
CREATE INDEX `work_orders_closed` ON `work_orders` (`closed_at`,`business_type`);