-- Red-channel KPIs over a million tickets (issue #5): per Asia/Shanghai day of opening, kind, category,
-- department and customer grade, the counts and sums every KPI is built from (cancelled and deleted tickets
-- left out, as in every KPI). A year of KPIs then reads a few thousand rows instead of every ticket.
-- Triggers keep it in step with every write path (ticket flow, imports, HQ sync apply): a write takes the
-- old row's contribution away and adds the new one's. Local to this device, never synced.
CREATE TABLE `ticket_kpi_days` (
  `day` text NOT NULL,
  `kind` text NOT NULL,
  `category_id` text NOT NULL,
  `dept` text NOT NULL,
  `grade` text NOT NULL,
  `tickets` integer NOT NULL DEFAULT 0,
  `resolved` integer NOT NULL DEFAULT 0,
  `reworked` integer NOT NULL DEFAULT 0,
  `minutes_sum` real NOT NULL DEFAULT 0,
  `minutes_n` integer NOT NULL DEFAULT 0,
  `resp_ok` integer NOT NULL DEFAULT 0,
  `resp_n` integer NOT NULL DEFAULT 0,
  `res_ok` integer NOT NULL DEFAULT 0,
  `res_n` integer NOT NULL DEFAULT 0,
  `sat_sum` integer NOT NULL DEFAULT 0,
  `sat_n` integer NOT NULL DEFAULT 0,
  PRIMARY KEY (`day`, `kind`, `category_id`, `dept`, `grade`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO ticket_kpi_days (day, kind, category_id, dept, grade, tickets, resolved, reworked, minutes_sum, minutes_n, resp_ok, resp_n, res_ok, res_n, sat_sum, sat_n)
SELECT
  date(t.created_at, '+8 hours'),
  t.kind,
  coalesce(t.category_id, ''),
  coalesce(t.assignee_dept, ''),
  coalesce(t.customer_grade, 'none'),
  count(*),
  sum(t.first_resolved_at IS NOT NULL),
  sum(t.rework_count > 0 AND t.first_resolved_at IS NOT NULL),
  sum(CASE WHEN t.kind = 'fault' THEN coalesce(t.resolution_business_minutes, 0) ELSE 0 END),
  sum(t.kind = 'fault' AND t.resolution_business_minutes IS NOT NULL),
  sum(coalesce(t.response_on_time = 1, 0)),
  sum(t.response_on_time IS NOT NULL),
  sum(coalesce(t.resolution_on_time = 1, 0)),
  sum(t.resolution_on_time IS NOT NULL),
  sum(coalesce(t.satisfaction, 0)),
  sum(t.satisfaction IS NOT NULL)
FROM tickets t
WHERE t.deleted = 0 AND t.status <> 'cancelled'
GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
CREATE TRIGGER `ticket_kpi_days_insert` AFTER INSERT ON `tickets` WHEN new.deleted = 0 AND new.status <> 'cancelled' BEGIN
  INSERT INTO ticket_kpi_days (day, kind, category_id, dept, grade, tickets, resolved, reworked, minutes_sum, minutes_n, resp_ok, resp_n, res_ok, res_n, sat_sum, sat_n)
  SELECT
    date(new.created_at, '+8 hours'),
    new.kind,
    coalesce(new.category_id, ''),
    coalesce(new.assignee_dept, ''),
    coalesce(new.customer_grade, 'none'),
    1,
    new.first_resolved_at IS NOT NULL,
    new.rework_count > 0 AND new.first_resolved_at IS NOT NULL,
    CASE WHEN new.kind = 'fault' THEN coalesce(new.resolution_business_minutes, 0) ELSE 0 END,
    new.kind = 'fault' AND new.resolution_business_minutes IS NOT NULL,
    coalesce(new.response_on_time = 1, 0),
    new.response_on_time IS NOT NULL,
    coalesce(new.resolution_on_time = 1, 0),
    new.resolution_on_time IS NOT NULL,
    coalesce(new.satisfaction, 0),
    new.satisfaction IS NOT NULL
  WHERE true
  ON CONFLICT (day, kind, category_id, dept, grade) DO UPDATE SET
    tickets = tickets + excluded.tickets,
    resolved = resolved + excluded.resolved,
    reworked = reworked + excluded.reworked,
    minutes_sum = minutes_sum + excluded.minutes_sum,
    minutes_n = minutes_n + excluded.minutes_n,
    resp_ok = resp_ok + excluded.resp_ok,
    resp_n = resp_n + excluded.resp_n,
    res_ok = res_ok + excluded.res_ok,
    res_n = res_n + excluded.res_n,
    sat_sum = sat_sum + excluded.sat_sum,
    sat_n = sat_n + excluded.sat_n;
END;
--> statement-breakpoint
CREATE TRIGGER `ticket_kpi_days_delete` AFTER DELETE ON `tickets` WHEN old.deleted = 0 AND old.status <> 'cancelled' BEGIN
  UPDATE ticket_kpi_days SET
    tickets = tickets - (1),
    resolved = resolved - (old.first_resolved_at IS NOT NULL),
    reworked = reworked - (old.rework_count > 0 AND old.first_resolved_at IS NOT NULL),
    minutes_sum = minutes_sum - (CASE WHEN old.kind = 'fault' THEN coalesce(old.resolution_business_minutes, 0) ELSE 0 END),
    minutes_n = minutes_n - (old.kind = 'fault' AND old.resolution_business_minutes IS NOT NULL),
    resp_ok = resp_ok - (coalesce(old.response_on_time = 1, 0)),
    resp_n = resp_n - (old.response_on_time IS NOT NULL),
    res_ok = res_ok - (coalesce(old.resolution_on_time = 1, 0)),
    res_n = res_n - (old.resolution_on_time IS NOT NULL),
    sat_sum = sat_sum - (coalesce(old.satisfaction, 0)),
    sat_n = sat_n - (old.satisfaction IS NOT NULL)
  WHERE day = date(old.created_at, '+8 hours') AND kind = old.kind AND category_id = coalesce(old.category_id, '') AND dept = coalesce(old.assignee_dept, '') AND grade = coalesce(old.customer_grade, 'none');
END;
--> statement-breakpoint
-- Most flow steps change none of the figures (only status, assignee, clocks): the WHEN skips them.
CREATE TRIGGER `ticket_kpi_days_update` AFTER UPDATE ON `tickets` WHEN old.created_at IS NOT new.created_at OR old.deleted IS NOT new.deleted OR old.kind IS NOT new.kind OR old.category_id IS NOT new.category_id OR old.assignee_dept IS NOT new.assignee_dept OR old.customer_grade IS NOT new.customer_grade OR old.first_resolved_at IS NOT new.first_resolved_at OR old.resolution_business_minutes IS NOT new.resolution_business_minutes OR old.response_on_time IS NOT new.response_on_time OR old.resolution_on_time IS NOT new.resolution_on_time OR old.rework_count IS NOT new.rework_count OR old.satisfaction IS NOT new.satisfaction OR (old.status = 'cancelled') <> (new.status = 'cancelled') BEGIN
  UPDATE ticket_kpi_days SET
    tickets = tickets - (1),
    resolved = resolved - (old.first_resolved_at IS NOT NULL),
    reworked = reworked - (old.rework_count > 0 AND old.first_resolved_at IS NOT NULL),
    minutes_sum = minutes_sum - (CASE WHEN old.kind = 'fault' THEN coalesce(old.resolution_business_minutes, 0) ELSE 0 END),
    minutes_n = minutes_n - (old.kind = 'fault' AND old.resolution_business_minutes IS NOT NULL),
    resp_ok = resp_ok - (coalesce(old.response_on_time = 1, 0)),
    resp_n = resp_n - (old.response_on_time IS NOT NULL),
    res_ok = res_ok - (coalesce(old.resolution_on_time = 1, 0)),
    res_n = res_n - (old.resolution_on_time IS NOT NULL),
    sat_sum = sat_sum - (coalesce(old.satisfaction, 0)),
    sat_n = sat_n - (old.satisfaction IS NOT NULL)
  WHERE day = date(old.created_at, '+8 hours') AND kind = old.kind AND category_id = coalesce(old.category_id, '') AND dept = coalesce(old.assignee_dept, '') AND grade = coalesce(old.customer_grade, 'none')
    AND old.deleted = 0 AND old.status <> 'cancelled';
  INSERT INTO ticket_kpi_days (day, kind, category_id, dept, grade, tickets, resolved, reworked, minutes_sum, minutes_n, resp_ok, resp_n, res_ok, res_n, sat_sum, sat_n)
  SELECT
    date(new.created_at, '+8 hours'),
    new.kind,
    coalesce(new.category_id, ''),
    coalesce(new.assignee_dept, ''),
    coalesce(new.customer_grade, 'none'),
    1,
    new.first_resolved_at IS NOT NULL,
    new.rework_count > 0 AND new.first_resolved_at IS NOT NULL,
    CASE WHEN new.kind = 'fault' THEN coalesce(new.resolution_business_minutes, 0) ELSE 0 END,
    new.kind = 'fault' AND new.resolution_business_minutes IS NOT NULL,
    coalesce(new.response_on_time = 1, 0),
    new.response_on_time IS NOT NULL,
    coalesce(new.resolution_on_time = 1, 0),
    new.resolution_on_time IS NOT NULL,
    coalesce(new.satisfaction, 0),
    new.satisfaction IS NOT NULL
  WHERE new.deleted = 0 AND new.status <> 'cancelled'
  ON CONFLICT (day, kind, category_id, dept, grade) DO UPDATE SET
    tickets = tickets + excluded.tickets,
    resolved = resolved + excluded.resolved,
    reworked = reworked + excluded.reworked,
    minutes_sum = minutes_sum + excluded.minutes_sum,
    minutes_n = minutes_n + excluded.minutes_n,
    resp_ok = resp_ok + excluded.resp_ok,
    resp_n = resp_n + excluded.resp_n,
    res_ok = res_ok + excluded.res_ok,
    res_n = res_n + excluded.res_n,
    sat_sum = sat_sum + excluded.sat_sum,
    sat_n = sat_n + excluded.sat_n;
END;
