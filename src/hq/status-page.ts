import type { hqStatus } from './read-api';

type Status = Awaited<ReturnType<typeof hqStatus>>;

const esc = (v: unknown) =>
  String(v ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** ISO UTC shown as Asia/Shanghai wall time (2026-11-23 14:05), as everywhere in KAM Desk. */
function shanghai(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

function table(headers: string[], rows: unknown[][], empty: string): string {
  if (rows.length === 0) return `<p class="empty">${esc(empty)}</p>`;
  return `<table><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** The HQ status page: plain server-rendered HTML, bilingual labels, no scripts. */
export function renderStatusPage(status: Status, now: Date): string {
  const devices = table(
    [
      '分公司 Branch',
      '设备 Device',
      '最近联系 Last contact',
      '待上传 Pending upload',
      '待下发 To deliver',
      '已接收 Received',
      '状态 State',
    ],
    status.devices.map((d) => [
      `${d.branch_code} ${d.branch_name}`,
      d.name,
      shanghai(d.last_contact_at),
      d.pending,
      Number(d.to_deliver),
      Number(d.pushed_count),
      d.revoked_at ? `已吊销 revoked ${shanghai(d.revoked_at)}` : '正常 active',
    ]),
    '尚未登记任何设备。用 npm run hq -- register --branch 编码 --device 名称 登记。 No devices yet: register one with npm run hq -- register.',
  );
  const tables = table(
    ['数据表 Table', '行数 Rows', '分公司数 Branches'],
    status.tables.map((t) => [t.table, t.rows, t.branches]),
    '还没有同步数据。 No data synced yet.',
  );
  const rejections = table(
    ['时间 Time', '分公司 Branch', '表 Table', '行 Row', '原因 Code'],
    status.rejections.map((r) => [shanghai(r.at), r.branch_code, r.table_name, r.row_id, r.code]),
    '没有被拒绝的变更。 No rejected changes.',
  );
  const refusals = table(
    ['时间 Time', '结果 Outcome', '分公司 Branch', '说明 Detail', '来源 From'],
    status.refusals.map((r) => [shanghai(r.at), r.outcome, r.branch_code ?? '—', r.detail, r.remote ?? '—']),
    '没有被拒绝的访问。 No refused access.',
  );
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>KAM Desk 总部同步状态 HQ sync status</title>
<meta http-equiv="refresh" content="30">
<style>
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:24px;color:#1a1b1e}
h1{font-size:20px}h2{font-size:16px;margin-top:28px}
table{border-collapse:collapse;font-size:13px;min-width:60%}th,td{border-bottom:1px solid #dee2e6;padding:6px 10px;text-align:left}
th{background:#f1f3f5}td:nth-child(n+4){font-variant-numeric:tabular-nums}.empty{color:#868e96}
</style></head><body>
<h1>KAM Desk 总部同步状态 / HQ sync status</h1>
<p>更新于 Updated ${esc(shanghai(now.toISOString()))}（北京时间 Asia/Shanghai）· 变更序号 change log sequence ${esc(status.changeLogSeq)}</p>
<h2>分公司与设备 Branches and devices</h2>${devices}
<h2>汇总数据 Consolidated data</h2>${tables}
<h2>被拒绝的变更 Rejected changes</h2>${rejections}
<h2>被拒绝的访问 Refused access</h2>${refusals}
</body></html>`;
}
