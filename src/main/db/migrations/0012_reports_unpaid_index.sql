-- The arrears report reads every unpaid bill of the customers who owe (issue #5). Only a small share
-- of bills is unpaid: this partial index holds just those, with every column the report needs, so a
-- debtor's unpaid bills come from the index without reading bill rows.
CREATE INDEX `report_bills_unpaid` ON `customer_bills` (`customer_id`, `period`, `due_date`, `billed_fen`, `paid_fen`) WHERE deleted = 0 AND paid_fen < billed_fen;
