DROP INDEX `tickets_open_due`;--> statement-breakpoint
DROP INDEX `tickets_open_assignee_due`;--> statement-breakpoint
DROP INDEX `tickets_open_status_due`;--> statement-breakpoint
DROP INDEX `tickets_open_customer_due`;--> statement-breakpoint
DROP INDEX `tickets_open_warn`;--> statement-breakpoint
CREATE INDEX `tickets_open_due_v2` ON `tickets` (`due_sort`,`next_warn_at`,`priority`,`kind`) WHERE is_open = 1;--> statement-breakpoint
CREATE INDEX `tickets_open_assignee_due_v2` ON `tickets` (`assignee_id`,`due_sort`,`priority`,`kind`) WHERE is_open = 1;--> statement-breakpoint
CREATE INDEX `tickets_open_status_due_v2` ON `tickets` (`status`,`due_sort`,`priority`,`kind`) WHERE is_open = 1;--> statement-breakpoint
CREATE INDEX `tickets_open_customer_due_v2` ON `tickets` (`customer_id`,`due_sort`,`priority`,`kind`) WHERE is_open = 1;--> statement-breakpoint
CREATE INDEX `tickets_open_warn_v2` ON `tickets` (`next_warn_at`,`due_sort`,`priority`,`kind`) WHERE is_open = 1;