import type { FormDetail } from '../../../../shared/contract/forms';
import type { ReportDocument, ReportTable } from '../../../../shared/contract/reports';
import { formatDuration } from '../../../../shared/duration';
import { translate } from '../../../../shared/messages';
import { formatShanghaiTime } from '../../../../shared/time';
import { isoNow, requireActor, type ServiceContext } from '../../context';
import { getBranchSettings } from '../../settings/branch';
import { translator, tx, type Text } from '../text';

/**
 * One request form on A4, like the paper 联系单 it replaces: the branch letterhead, the title
 * (资源确认单 / 业务联系单), number and dates; the parties; the content; every approval with its
 * approver, the leader a deputy signed for ("代 X 审批"), comment and time; the routing; the answer and
 * its time; the drafter's confirmation; and signature lines. The document is the report framework's
 * (ReportDocument), so the renderer's A4 preview paginates, numbers and prints it like any report.
 */

const KIND_TITLE: Record<FormDetail['kind'], Text> = {
  resource: tx('资源确认单', 'Resource confirmation form'),
  contact: tx('业务联系单', 'Business contact form'),
};

const APPROVAL_KINDS = new Set(['submitted', 'escalated', 'approved', 'rejected', 'sent_back']);
/** The approval lines by what happened; an escalation keeps its own line (who it moved to). */
const APPROVAL_STEP: Record<string, Text> = {
  submitted: tx('提交审批', 'Submitted for approval'),
  approved: tx('审批同意', 'Approved'),
  rejected: tx('审批驳回', 'Rejected'),
  sent_back: tx('退回修改', 'Sent back for changes'),
};
const ROUTING_KINDS = new Set(['sent', 'routed', 'answered', 'reopened', 'confirmed', 'withdrawn']);

const time = (iso: string | null) => (iso ? formatShanghaiTime(iso) : '');

/** The A4 document of one form (the caller's scope was checked when `form` was read). */
export function requestFormDocument(ctx: ServiceContext, form: FormDetail): ReportDocument {
  const actor = requireActor(ctx);
  const t = translator(ctx.locale);
  const yes = t(tx('是', 'Yes'));
  const no = t(tx('否', 'No'));
  const status = translate(`forms.status.${form.status}`, ctx.locale);
  const two = (label: Text, value: string, label2: Text, value2: string) => ({ a: t(label), b: value, c: t(label2), d: value2 });
  const grid = (id: string, title: Text, rows: Record<string, string>[]): ReportTable => ({
    id,
    title: t(title),
    columns: [
      { key: 'a', label: t(tx('项目', 'Item')), format: 'text', width: 10 },
      { key: 'b', label: t(tx('内容', 'Details')), format: 'text', width: 30 },
      { key: 'c', label: t(tx('项目', 'Item')), format: 'text', width: 10 },
      { key: 'd', label: t(tx('内容', 'Details')), format: 'text', width: 30 },
    ],
    rows,
    totals: null,
    note: null,
  });
  const trail = (kinds: Set<string>) => form.events.filter((e) => kinds.has(e.kind));
  const person = (e: FormDetail['events'][number]) =>
    e.onBehalfOfName ? `${e.actorName ?? ''}${translate('forms.print.onBehalfOf', ctx.locale, { name: e.onBehalfOfName })}` : (e.actorName ?? t(tx('系统', 'System')));

  const tables: ReportTable[] = [
    grid('parties', tx('基本信息', 'Parties'), [
      two(tx('客户', 'Customer'), form.customerName, tx('关联工单', 'Work order'), form.orderNumber ?? '—'),
      two(tx('拟稿人', 'Drafted by'), form.drafterName, tx('拟稿部门', 'Department'), form.drafterDept || '—'),
      two(tx('拟稿时间', 'Drafted'), time(form.createdAt), tx('送达响应中心', 'Sent to centre'), time(form.sentAt) || '—'),
      two(tx('重要', 'Important'), form.important ? yes : no, tx('答复部门', 'Answered by'), form.routedDept ?? '—'),
    ]),
    {
      id: 'content',
      title: t(tx('联系内容', 'Request')),
      columns: [
        { key: 'title', label: t(tx('标题', 'Title')), format: 'text', width: 20 },
        { key: 'content', label: t(tx('内容', 'Content')), format: 'text', width: 60 },
      ],
      rows: [{ title: form.title, content: form.content }],
      totals: null,
      note: null,
    },
    {
      id: 'approvals',
      title: t(tx('审批意见', 'Approvals')),
      columns: [
        { key: 'step', label: t(tx('环节', 'Step')), format: 'text', width: 24 },
        { key: 'who', label: t(tx('审批人', 'By')), format: 'text', width: 20 },
        { key: 'comment', label: t(tx('意见', 'Comment')), format: 'text', width: 26 },
        { key: 'at', label: t(tx('时间', 'Time')), format: 'text', width: 14 },
      ],
      // A form not marked important went straight to the centre: the box says so rather than standing empty.
      rows: form.important
        ? trail(APPROVAL_KINDS).map((e) => ({ step: APPROVAL_STEP[e.kind] ? t(APPROVAL_STEP[e.kind]!) : e.title, who: person(e), comment: e.note, at: time(e.at) }))
        : [{ step: t(tx('非重要，直接送响应中心，无需审批', 'Not important: sent straight to the centre, no approval')), who: '', comment: '', at: '' }],
      totals: null,
      note: null,
    },
    {
      id: 'routing',
      title: t(tx('流转与答复', 'Routing and answer')),
      columns: [
        { key: 'step', label: t(tx('环节', 'Step')), format: 'text', width: 24 },
        { key: 'who', label: t(tx('经办人', 'By')), format: 'text', width: 14 },
        { key: 'note', label: t(tx('内容', 'Details')), format: 'text', width: 32 },
        { key: 'at', label: t(tx('时间', 'Time')), format: 'text', width: 14 },
      ],
      rows: trail(ROUTING_KINDS).map((e) => ({ step: e.title, who: person(e), note: e.note, at: time(e.at) })),
      totals: null,
      note:
        form.businessMinutes === null
          ? null
          : t(
              tx(
                `响应用时（工作时间）${formatDuration(form.businessMinutes, 'zh-CN')}，${form.onTime ? '按时' : '超时'}`,
                `Answered in ${formatDuration(form.businessMinutes, 'en')} business time, ${form.onTime ? 'on time' : 'late'}`,
              ),
            ),
    },
    {
      id: 'signatures',
      title: t(tx('签字', 'Signatures')),
      columns: [
        { key: 'drafter', label: t(tx('拟稿人（签字）', 'Drafter (signature)')), format: 'text', width: 20 },
        { key: 'leader', label: t(tx('部门负责人（签字）', 'Department head (signature)')), format: 'text', width: 20 },
        { key: 'centre', label: t(tx('响应中心（签字）', 'Response centre (signature)')), format: 'text', width: 20 },
        { key: 'dept', label: t(tx('答复部门（签字）', 'Answering dept (signature)')), format: 'text', width: 20 },
      ],
      rows: [
        { drafter: '\u00a0', leader: '\u00a0', centre: '\u00a0', dept: '\u00a0' },
        Object.fromEntries(['drafter', 'leader', 'centre', 'dept'].map((k) => [k, t(tx('日期：    年    月    日', 'Date:'))])),
      ],
      totals: null,
      note: null,
    },
  ];

  const title = t(KIND_TITLE[form.kind]);
  return {
    reportId: 'request-form',
    title,
    orientation: 'portrait',
    branchName: getBranchSettings(ctx).branchName,
    printedBy: actor.displayName,
    printedAt: isoNow(ctx),
    params: [
      { label: t(tx('编号', 'No.')), value: form.number },
      { label: t(tx('状态', 'Status')), value: status },
      { label: t(tx('拟稿日期', 'Date')), value: time(form.createdAt).slice(0, 10) },
    ],
    applied: {},
    scopeNote: null,
    summary: [],
    charts: [],
    tables,
    fileBase: `${title}-${form.number}`,
  };
}
