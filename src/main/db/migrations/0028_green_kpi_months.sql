-- Green-channel KPIs over a million orders (issue #13, "the KPI report for 12 months <= 2 s"): per
-- Asia/Shanghai month, the counts and sums every figure of the KPI report is built from, so twelve months read
-- a few thousand rows instead of every stage attempt (1.27 million attempts a year at the bench size).
-- kind 'order': orders signed off (closed) in the month, by closed_at and business type;
-- kind 'stage': stage attempts done or returned in the month, by completed_at, type, department and stage;
-- kind 'form': 资源确认单 answered in the month, by answered_at, its order's business type ('' without an
-- order) and the routed department ('' when not routed). owner_id is the order's or attempt's account
-- manager ('' for the pool) and the form's drafter, so an account manager's report reads only their rows.
-- Cancelled orders, skipped stages, deleted rows and other forms are left out, as in every figure.
-- Triggers keep it in step with every write path (the order and form flows, HQ sync apply, which writes
-- plain INSERT/UPDATE): a write takes the old row's contribution away and adds the new one's; a form's
-- business type follows its order (an order arriving after its forms, or retyped, moves them).
-- Local to this device, never synced; not in the drizzle schema (derived state).
CREATE TABLE `green_kpi_months` (
  `month` text NOT NULL,
  `kind` text NOT NULL,
  `business_type` text NOT NULL,
  `department` text NOT NULL,
  `stage_key` text NOT NULL,
  `owner_id` text NOT NULL,
  `n` integer NOT NULL DEFAULT 0,
  `returned` integer NOT NULL DEFAULT 0,
  `returns` integer NOT NULL DEFAULT 0,
  `minutes_sum` real NOT NULL DEFAULT 0,
  `minutes_n` integer NOT NULL DEFAULT 0,
  `ok` integer NOT NULL DEFAULT 0,
  `ok_n` integer NOT NULL DEFAULT 0,
  `limit_sum` integer NOT NULL DEFAULT 0,
  PRIMARY KEY (`month`, `kind`, `business_type`, `department`, `stage_key`, `owner_id`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO green_kpi_months (month, kind, business_type, department, stage_key, owner_id, n, returned, returns, minutes_sum, minutes_n, ok, ok_n, limit_sum)
SELECT strftime('%Y-%m', s.completed_at, '+8 hours'), 'stage', s.business_type, s.department, s.stage_key, coalesce(s.owner_id, ''),
  count(*), sum(s.status = 'returned'), 0, total(s.business_minutes), count(s.business_minutes), total(s.on_time), count(s.on_time), total(s.limit_minutes)
FROM order_stages s
WHERE s.deleted = 0 AND s.status IN ('done', 'returned') AND s.completed_at IS NOT NULL
GROUP BY 1, 3, 4, 5, 6;
--> statement-breakpoint
INSERT INTO green_kpi_months (month, kind, business_type, department, stage_key, owner_id, n, returned, returns, minutes_sum, minutes_n, ok, ok_n, limit_sum)
SELECT strftime('%Y-%m', w.closed_at, '+8 hours'), 'order', w.business_type, '', '', coalesce(w.owner_id, ''),
  count(*), sum(coalesce(w.return_count, 0) > 0), total(w.return_count), total(w.business_minutes), count(w.business_minutes), total(w.on_time), count(w.on_time), 0
FROM work_orders w
WHERE w.deleted = 0 AND w.status = 'closed' AND w.closed_at IS NOT NULL
GROUP BY 1, 3, 6;
--> statement-breakpoint
INSERT INTO green_kpi_months (month, kind, business_type, department, stage_key, owner_id, n, returned, returns, minutes_sum, minutes_n, ok, ok_n, limit_sum)
SELECT strftime('%Y-%m', f.answered_at, '+8 hours'), 'form', coalesce(w.business_type, ''), coalesce(f.routed_dept, ''), '', coalesce(f.drafter_id, ''),
  count(*), 0, 0, total(f.business_minutes), count(f.business_minutes), total(f.on_time), count(f.on_time), 0
FROM request_forms f LEFT JOIN work_orders w ON w.id = f.order_id
WHERE f.deleted = 0 AND f.kind = 'resource' AND f.answered_at IS NOT NULL
GROUP BY 1, 3, 4, 6;
--> statement-breakpoint
CREATE TRIGGER `green_kpi_months_stage_insert` AFTER INSERT ON `order_stages` WHEN new.deleted = 0 AND new.status IN ('done', 'returned') AND new.completed_at IS NOT NULL BEGIN
  INSERT INTO green_kpi_months (month, kind, business_type, department, stage_key, owner_id, n, returned, returns, minutes_sum, minutes_n, ok, ok_n, limit_sum)
  SELECT
    strftime('%Y-%m', new.completed_at, '+8 hours'),
    'stage',
    new.business_type,
    new.department,
    new.stage_key,
    coalesce(new.owner_id, ''),
    1,
    new.status = 'returned',
    0,
    coalesce(new.business_minutes, 0),
    new.business_minutes IS NOT NULL,
    coalesce(new.on_time, 0),
    new.on_time IS NOT NULL,
    coalesce(new.limit_minutes, 0)
  WHERE true
  ON CONFLICT (month, kind, business_type, department, stage_key, owner_id) DO UPDATE SET
    n = n + excluded.n,
    returned = returned + excluded.returned,
    returns = returns + excluded.returns,
    minutes_sum = minutes_sum + excluded.minutes_sum,
    minutes_n = minutes_n + excluded.minutes_n,
    ok = ok + excluded.ok,
    ok_n = ok_n + excluded.ok_n,
    limit_sum = limit_sum + excluded.limit_sum;
END;
--> statement-breakpoint
CREATE TRIGGER `green_kpi_months_stage_delete` AFTER DELETE ON `order_stages` WHEN old.deleted = 0 AND old.status IN ('done', 'returned') AND old.completed_at IS NOT NULL BEGIN
  UPDATE green_kpi_months SET
    n = n - (1),
    returned = returned - (old.status = 'returned'),
    minutes_sum = minutes_sum - (coalesce(old.business_minutes, 0)),
    minutes_n = minutes_n - (old.business_minutes IS NOT NULL),
    ok = ok - (coalesce(old.on_time, 0)),
    ok_n = ok_n - (old.on_time IS NOT NULL),
    limit_sum = limit_sum - (coalesce(old.limit_minutes, 0))
  WHERE month = strftime('%Y-%m', old.completed_at, '+8 hours') AND kind = 'stage' AND business_type = old.business_type AND department = old.department AND stage_key = old.stage_key AND owner_id = coalesce(old.owner_id, '');
END;
--> statement-breakpoint
-- Only rows counted before or after the write, and only these columns, move a figure: the WHEN skips the other flow steps.
CREATE TRIGGER `green_kpi_months_stage_update` AFTER UPDATE ON `order_stages`
  WHEN ((old.deleted = 0 AND old.status IN ('done', 'returned') AND old.completed_at IS NOT NULL) OR (new.deleted = 0 AND new.status IN ('done', 'returned') AND new.completed_at IS NOT NULL))
    AND (old.completed_at IS NOT new.completed_at OR old.status IS NOT new.status OR old.deleted IS NOT new.deleted OR old.business_minutes IS NOT new.business_minutes OR old.on_time IS NOT new.on_time OR old.limit_minutes IS NOT new.limit_minutes OR old.business_type IS NOT new.business_type OR old.department IS NOT new.department OR old.stage_key IS NOT new.stage_key OR old.owner_id IS NOT new.owner_id) BEGIN
  UPDATE green_kpi_months SET
    n = n - (1),
    returned = returned - (old.status = 'returned'),
    minutes_sum = minutes_sum - (coalesce(old.business_minutes, 0)),
    minutes_n = minutes_n - (old.business_minutes IS NOT NULL),
    ok = ok - (coalesce(old.on_time, 0)),
    ok_n = ok_n - (old.on_time IS NOT NULL),
    limit_sum = limit_sum - (coalesce(old.limit_minutes, 0))
  WHERE month = strftime('%Y-%m', old.completed_at, '+8 hours') AND kind = 'stage' AND business_type = old.business_type AND department = old.department AND stage_key = old.stage_key AND owner_id = coalesce(old.owner_id, '')
    AND old.deleted = 0 AND old.status IN ('done', 'returned') AND old.completed_at IS NOT NULL;
  INSERT INTO green_kpi_months (month, kind, business_type, department, stage_key, owner_id, n, returned, returns, minutes_sum, minutes_n, ok, ok_n, limit_sum)
  SELECT
    strftime('%Y-%m', new.completed_at, '+8 hours'),
    'stage',
    new.business_type,
    new.department,
    new.stage_key,
    coalesce(new.owner_id, ''),
    1,
    new.status = 'returned',
    0,
    coalesce(new.business_minutes, 0),
    new.business_minutes IS NOT NULL,
    coalesce(new.on_time, 0),
    new.on_time IS NOT NULL,
    coalesce(new.limit_minutes, 0)
  WHERE new.deleted = 0 AND new.status IN ('done', 'returned') AND new.completed_at IS NOT NULL
  ON CONFLICT (month, kind, business_type, department, stage_key, owner_id) DO UPDATE SET
    n = n + excluded.n,
    returned = returned + excluded.returned,
    returns = returns + excluded.returns,
    minutes_sum = minutes_sum + excluded.minutes_sum,
    minutes_n = minutes_n + excluded.minutes_n,
    ok = ok + excluded.ok,
    ok_n = ok_n + excluded.ok_n,
    limit_sum = limit_sum + excluded.limit_sum;
END;
--> statement-breakpoint
CREATE TRIGGER `green_kpi_months_order_insert` AFTER INSERT ON `work_orders` WHEN new.deleted = 0 AND new.status = 'closed' AND new.closed_at IS NOT NULL BEGIN
  INSERT INTO green_kpi_months (month, kind, business_type, department, stage_key, owner_id, n, returned, returns, minutes_sum, minutes_n, ok, ok_n, limit_sum)
  SELECT
    strftime('%Y-%m', new.closed_at, '+8 hours'),
    'order',
    new.business_type,
    '',
    '',
    coalesce(new.owner_id, ''),
    1,
    coalesce(new.return_count, 0) > 0,
    coalesce(new.return_count, 0),
    coalesce(new.business_minutes, 0),
    new.business_minutes IS NOT NULL,
    coalesce(new.on_time, 0),
    new.on_time IS NOT NULL,
    0
  WHERE true
  ON CONFLICT (month, kind, business_type, department, stage_key, owner_id) DO UPDATE SET
    n = n + excluded.n,
    returned = returned + excluded.returned,
    returns = returns + excluded.returns,
    minutes_sum = minutes_sum + excluded.minutes_sum,
    minutes_n = minutes_n + excluded.minutes_n,
    ok = ok + excluded.ok,
    ok_n = ok_n + excluded.ok_n,
    limit_sum = limit_sum + excluded.limit_sum;
END;
--> statement-breakpoint
CREATE TRIGGER `green_kpi_months_order_delete` AFTER DELETE ON `work_orders` WHEN old.deleted = 0 AND old.status = 'closed' AND old.closed_at IS NOT NULL BEGIN
  UPDATE green_kpi_months SET
    n = n - (1),
    returned = returned - (coalesce(old.return_count, 0) > 0),
    returns = returns - (coalesce(old.return_count, 0)),
    minutes_sum = minutes_sum - (coalesce(old.business_minutes, 0)),
    minutes_n = minutes_n - (old.business_minutes IS NOT NULL),
    ok = ok - (coalesce(old.on_time, 0)),
    ok_n = ok_n - (old.on_time IS NOT NULL)
  WHERE month = strftime('%Y-%m', old.closed_at, '+8 hours') AND kind = 'order' AND business_type = old.business_type AND department = '' AND stage_key = '' AND owner_id = coalesce(old.owner_id, '');
END;
--> statement-breakpoint
-- As for attempts: the order is written at every step, but only its sign-off (or a change to a signed-off order) counts.
CREATE TRIGGER `green_kpi_months_order_update` AFTER UPDATE ON `work_orders`
  WHEN ((old.deleted = 0 AND old.status = 'closed' AND old.closed_at IS NOT NULL) OR (new.deleted = 0 AND new.status = 'closed' AND new.closed_at IS NOT NULL))
    AND (old.closed_at IS NOT new.closed_at OR old.status IS NOT new.status OR old.deleted IS NOT new.deleted OR old.business_minutes IS NOT new.business_minutes OR old.on_time IS NOT new.on_time OR old.return_count IS NOT new.return_count OR old.business_type IS NOT new.business_type OR old.owner_id IS NOT new.owner_id) BEGIN
  UPDATE green_kpi_months SET
    n = n - (1),
    returned = returned - (coalesce(old.return_count, 0) > 0),
    returns = returns - (coalesce(old.return_count, 0)),
    minutes_sum = minutes_sum - (coalesce(old.business_minutes, 0)),
    minutes_n = minutes_n - (old.business_minutes IS NOT NULL),
    ok = ok - (coalesce(old.on_time, 0)),
    ok_n = ok_n - (old.on_time IS NOT NULL)
  WHERE month = strftime('%Y-%m', old.closed_at, '+8 hours') AND kind = 'order' AND business_type = old.business_type AND department = '' AND stage_key = '' AND owner_id = coalesce(old.owner_id, '')
    AND old.deleted = 0 AND old.status = 'closed' AND old.closed_at IS NOT NULL;
  INSERT INTO green_kpi_months (month, kind, business_type, department, stage_key, owner_id, n, returned, returns, minutes_sum, minutes_n, ok, ok_n, limit_sum)
  SELECT
    strftime('%Y-%m', new.closed_at, '+8 hours'),
    'order',
    new.business_type,
    '',
    '',
    coalesce(new.owner_id, ''),
    1,
    coalesce(new.return_count, 0) > 0,
    coalesce(new.return_count, 0),
    coalesce(new.business_minutes, 0),
    new.business_minutes IS NOT NULL,
    coalesce(new.on_time, 0),
    new.on_time IS NOT NULL,
    0
  WHERE new.deleted = 0 AND new.status = 'closed' AND new.closed_at IS NOT NULL
  ON CONFLICT (month, kind, business_type, department, stage_key, owner_id) DO UPDATE SET
    n = n + excluded.n,
    returned = returned + excluded.returned,
    returns = returns + excluded.returns,
    minutes_sum = minutes_sum + excluded.minutes_sum,
    minutes_n = minutes_n + excluded.minutes_n,
    ok = ok + excluded.ok,
    ok_n = ok_n + excluded.ok_n,
    limit_sum = limit_sum + excluded.limit_sum;
END;
--> statement-breakpoint
CREATE TRIGGER `green_kpi_months_form_insert` AFTER INSERT ON `request_forms` WHEN new.deleted = 0 AND new.kind = 'resource' AND new.answered_at IS NOT NULL BEGIN
  INSERT INTO green_kpi_months (month, kind, business_type, department, stage_key, owner_id, n, returned, returns, minutes_sum, minutes_n, ok, ok_n, limit_sum)
  SELECT
    strftime('%Y-%m', new.answered_at, '+8 hours'),
    'form',
    coalesce((SELECT w.business_type FROM work_orders w WHERE w.id = new.order_id), ''),
    coalesce(new.routed_dept, ''),
    '',
    coalesce(new.drafter_id, ''),
    1,
    0,
    0,
    coalesce(new.business_minutes, 0),
    new.business_minutes IS NOT NULL,
    coalesce(new.on_time, 0),
    new.on_time IS NOT NULL,
    0
  WHERE true
  ON CONFLICT (month, kind, business_type, department, stage_key, owner_id) DO UPDATE SET
    n = n + excluded.n,
    returned = returned + excluded.returned,
    returns = returns + excluded.returns,
    minutes_sum = minutes_sum + excluded.minutes_sum,
    minutes_n = minutes_n + excluded.minutes_n,
    ok = ok + excluded.ok,
    ok_n = ok_n + excluded.ok_n,
    limit_sum = limit_sum + excluded.limit_sum;
END;
--> statement-breakpoint
CREATE TRIGGER `green_kpi_months_form_delete` AFTER DELETE ON `request_forms` WHEN old.deleted = 0 AND old.kind = 'resource' AND old.answered_at IS NOT NULL BEGIN
  UPDATE green_kpi_months SET
    n = n - (1),
    minutes_sum = minutes_sum - (coalesce(old.business_minutes, 0)),
    minutes_n = minutes_n - (old.business_minutes IS NOT NULL),
    ok = ok - (coalesce(old.on_time, 0)),
    ok_n = ok_n - (old.on_time IS NOT NULL)
  WHERE month = strftime('%Y-%m', old.answered_at, '+8 hours') AND kind = 'form' AND business_type = coalesce((SELECT w.business_type FROM work_orders w WHERE w.id = old.order_id), '') AND department = coalesce(old.routed_dept, '') AND stage_key = '' AND owner_id = coalesce(old.drafter_id, '');
END;
--> statement-breakpoint
-- Re-opening a form keeps its answer (and its place in the figures); answering again moves it to the new answer's month.
CREATE TRIGGER `green_kpi_months_form_update` AFTER UPDATE ON `request_forms`
  WHEN ((old.deleted = 0 AND old.kind = 'resource' AND old.answered_at IS NOT NULL) OR (new.deleted = 0 AND new.kind = 'resource' AND new.answered_at IS NOT NULL))
    AND (old.answered_at IS NOT new.answered_at OR old.kind IS NOT new.kind OR old.deleted IS NOT new.deleted OR old.business_minutes IS NOT new.business_minutes OR old.on_time IS NOT new.on_time OR old.routed_dept IS NOT new.routed_dept OR old.drafter_id IS NOT new.drafter_id OR old.order_id IS NOT new.order_id) BEGIN
  UPDATE green_kpi_months SET
    n = n - (1),
    minutes_sum = minutes_sum - (coalesce(old.business_minutes, 0)),
    minutes_n = minutes_n - (old.business_minutes IS NOT NULL),
    ok = ok - (coalesce(old.on_time, 0)),
    ok_n = ok_n - (old.on_time IS NOT NULL)
  WHERE month = strftime('%Y-%m', old.answered_at, '+8 hours') AND kind = 'form' AND business_type = coalesce((SELECT w.business_type FROM work_orders w WHERE w.id = old.order_id), '') AND department = coalesce(old.routed_dept, '') AND stage_key = '' AND owner_id = coalesce(old.drafter_id, '')
    AND old.deleted = 0 AND old.kind = 'resource' AND old.answered_at IS NOT NULL;
  INSERT INTO green_kpi_months (month, kind, business_type, department, stage_key, owner_id, n, returned, returns, minutes_sum, minutes_n, ok, ok_n, limit_sum)
  SELECT
    strftime('%Y-%m', new.answered_at, '+8 hours'),
    'form',
    coalesce((SELECT w.business_type FROM work_orders w WHERE w.id = new.order_id), ''),
    coalesce(new.routed_dept, ''),
    '',
    coalesce(new.drafter_id, ''),
    1,
    0,
    0,
    coalesce(new.business_minutes, 0),
    new.business_minutes IS NOT NULL,
    coalesce(new.on_time, 0),
    new.on_time IS NOT NULL,
    0
  WHERE new.deleted = 0 AND new.kind = 'resource' AND new.answered_at IS NOT NULL
  ON CONFLICT (month, kind, business_type, department, stage_key, owner_id) DO UPDATE SET
    n = n + excluded.n,
    returned = returned + excluded.returned,
    returns = returns + excluded.returns,
    minutes_sum = minutes_sum + excluded.minutes_sum,
    minutes_n = minutes_n + excluded.minutes_n,
    ok = ok + excluded.ok,
    ok_n = ok_n + excluded.ok_n,
    limit_sum = limit_sum + excluded.limit_sum;
END;
--> statement-breakpoint
-- A form's business type is its order's: forms that came (by sync) before their order move from '' to it.
CREATE TRIGGER `green_kpi_months_order_forms_insert` AFTER INSERT ON `work_orders` BEGIN
  INSERT INTO green_kpi_months (month, kind, business_type, department, stage_key, owner_id, n, returned, returns, minutes_sum, minutes_n, ok, ok_n, limit_sum)
  SELECT strftime('%Y-%m', f.answered_at, '+8 hours'), 'form', '', coalesce(f.routed_dept, ''), '', coalesce(f.drafter_id, ''),
    -count(*), 0, 0, -total(f.business_minutes), -count(f.business_minutes), -total(f.on_time), -count(f.on_time), 0
  FROM request_forms f
  WHERE f.order_id = new.id AND f.deleted = 0 AND f.kind = 'resource' AND f.answered_at IS NOT NULL
  GROUP BY 1, 3, 4, 6
  ON CONFLICT (month, kind, business_type, department, stage_key, owner_id) DO UPDATE SET
    n = n + excluded.n,
    returned = returned + excluded.returned,
    returns = returns + excluded.returns,
    minutes_sum = minutes_sum + excluded.minutes_sum,
    minutes_n = minutes_n + excluded.minutes_n,
    ok = ok + excluded.ok,
    ok_n = ok_n + excluded.ok_n,
    limit_sum = limit_sum + excluded.limit_sum;
  INSERT INTO green_kpi_months (month, kind, business_type, department, stage_key, owner_id, n, returned, returns, minutes_sum, minutes_n, ok, ok_n, limit_sum)
  SELECT strftime('%Y-%m', f.answered_at, '+8 hours'), 'form', new.business_type, coalesce(f.routed_dept, ''), '', coalesce(f.drafter_id, ''),
    count(*), 0, 0, total(f.business_minutes), count(f.business_minutes), total(f.on_time), count(f.on_time), 0
  FROM request_forms f
  WHERE f.order_id = new.id AND f.deleted = 0 AND f.kind = 'resource' AND f.answered_at IS NOT NULL
  GROUP BY 1, 3, 4, 6
  ON CONFLICT (month, kind, business_type, department, stage_key, owner_id) DO UPDATE SET
    n = n + excluded.n,
    returned = returned + excluded.returned,
    returns = returns + excluded.returns,
    minutes_sum = minutes_sum + excluded.minutes_sum,
    minutes_n = minutes_n + excluded.minutes_n,
    ok = ok + excluded.ok,
    ok_n = ok_n + excluded.ok_n,
    limit_sum = limit_sum + excluded.limit_sum;
END;
--> statement-breakpoint
CREATE TRIGGER `green_kpi_months_order_forms_update` AFTER UPDATE ON `work_orders` WHEN old.business_type IS NOT new.business_type BEGIN
  INSERT INTO green_kpi_months (month, kind, business_type, department, stage_key, owner_id, n, returned, returns, minutes_sum, minutes_n, ok, ok_n, limit_sum)
  SELECT strftime('%Y-%m', f.answered_at, '+8 hours'), 'form', old.business_type, coalesce(f.routed_dept, ''), '', coalesce(f.drafter_id, ''),
    -count(*), 0, 0, -total(f.business_minutes), -count(f.business_minutes), -total(f.on_time), -count(f.on_time), 0
  FROM request_forms f
  WHERE f.order_id = old.id AND f.deleted = 0 AND f.kind = 'resource' AND f.answered_at IS NOT NULL
  GROUP BY 1, 3, 4, 6
  ON CONFLICT (month, kind, business_type, department, stage_key, owner_id) DO UPDATE SET
    n = n + excluded.n,
    returned = returned + excluded.returned,
    returns = returns + excluded.returns,
    minutes_sum = minutes_sum + excluded.minutes_sum,
    minutes_n = minutes_n + excluded.minutes_n,
    ok = ok + excluded.ok,
    ok_n = ok_n + excluded.ok_n,
    limit_sum = limit_sum + excluded.limit_sum;
  INSERT INTO green_kpi_months (month, kind, business_type, department, stage_key, owner_id, n, returned, returns, minutes_sum, minutes_n, ok, ok_n, limit_sum)
  SELECT strftime('%Y-%m', f.answered_at, '+8 hours'), 'form', new.business_type, coalesce(f.routed_dept, ''), '', coalesce(f.drafter_id, ''),
    count(*), 0, 0, total(f.business_minutes), count(f.business_minutes), total(f.on_time), count(f.on_time), 0
  FROM request_forms f
  WHERE f.order_id = new.id AND f.deleted = 0 AND f.kind = 'resource' AND f.answered_at IS NOT NULL
  GROUP BY 1, 3, 4, 6
  ON CONFLICT (month, kind, business_type, department, stage_key, owner_id) DO UPDATE SET
    n = n + excluded.n,
    returned = returned + excluded.returned,
    returns = returns + excluded.returns,
    minutes_sum = minutes_sum + excluded.minutes_sum,
    minutes_n = minutes_n + excluded.minutes_n,
    ok = ok + excluded.ok,
    ok_n = ok_n + excluded.ok_n,
    limit_sum = limit_sum + excluded.limit_sum;
END;
--> statement-breakpoint
CREATE TRIGGER `green_kpi_months_order_forms_delete` AFTER DELETE ON `work_orders` BEGIN
  INSERT INTO green_kpi_months (month, kind, business_type, department, stage_key, owner_id, n, returned, returns, minutes_sum, minutes_n, ok, ok_n, limit_sum)
  SELECT strftime('%Y-%m', f.answered_at, '+8 hours'), 'form', old.business_type, coalesce(f.routed_dept, ''), '', coalesce(f.drafter_id, ''),
    -count(*), 0, 0, -total(f.business_minutes), -count(f.business_minutes), -total(f.on_time), -count(f.on_time), 0
  FROM request_forms f
  WHERE f.order_id = old.id AND f.deleted = 0 AND f.kind = 'resource' AND f.answered_at IS NOT NULL
  GROUP BY 1, 3, 4, 6
  ON CONFLICT (month, kind, business_type, department, stage_key, owner_id) DO UPDATE SET
    n = n + excluded.n,
    returned = returned + excluded.returned,
    returns = returns + excluded.returns,
    minutes_sum = minutes_sum + excluded.minutes_sum,
    minutes_n = minutes_n + excluded.minutes_n,
    ok = ok + excluded.ok,
    ok_n = ok_n + excluded.ok_n,
    limit_sum = limit_sum + excluded.limit_sum;
  INSERT INTO green_kpi_months (month, kind, business_type, department, stage_key, owner_id, n, returned, returns, minutes_sum, minutes_n, ok, ok_n, limit_sum)
  SELECT strftime('%Y-%m', f.answered_at, '+8 hours'), 'form', '', coalesce(f.routed_dept, ''), '', coalesce(f.drafter_id, ''),
    count(*), 0, 0, total(f.business_minutes), count(f.business_minutes), total(f.on_time), count(f.on_time), 0
  FROM request_forms f
  WHERE f.order_id = old.id AND f.deleted = 0 AND f.kind = 'resource' AND f.answered_at IS NOT NULL
  GROUP BY 1, 3, 4, 6
  ON CONFLICT (month, kind, business_type, department, stage_key, owner_id) DO UPDATE SET
    n = n + excluded.n,
    returned = returned + excluded.returned,
    returns = returns + excluded.returns,
    minutes_sum = minutes_sum + excluded.minutes_sum,
    minutes_n = minutes_n + excluded.minutes_n,
    ok = ok + excluded.ok,
    ok_n = ok_n + excluded.ok_n,
    limit_sum = limit_sum + excluded.limit_sum;
END;
