-- An evaluation run rewrites the grade of most customers, and customers_grade (grade, updated_at) moved
-- each changed entry across the index. The list's grade filter now walks the "last edited" index, which
-- carries the grade, so a change leaves its entry in place and one index fewer is kept on every write.
DROP INDEX `customers_grade`;--> statement-breakpoint
DROP INDEX `customers_updated`;--> statement-breakpoint
CREATE INDEX `customers_updated` ON `customers` (`updated_at`,`grade`) WHERE deleted = 0;