/** Enums of the green channel (work orders, request forms, contracts), shared by the schema, services and renderer. */

/** 在途 (a stage is open) → 退回客户经理 (returned) → … → 已归档 (closed by 客户签收); 已取消. */
export const ORDER_STATUSES = ['in_progress', 'returned', 'closed', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * One pass through a stage (an attempt): 待受理 → 处理中 → 已完成; or 已退回 (异常返单 out of it),
 * 已跳过 (a skippable stage passed over), 已取消 (the order was cancelled while it was open).
 */
export const STAGE_STATUSES = ['waiting', 'accepted', 'done', 'returned', 'skipped', 'cancelled'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

/** The default stage keys of a template (需求确认 → … → 客户签收); templates may add their own. */
export const DEFAULT_STAGE_KEYS = [
  'requirement',
  'acceptance',
  'resource',
  'contract',
  'engineering',
  'activation',
  'signoff',
] as const;

/** 资源确认单 / 业务联系单. */
export const FORM_KINDS = ['resource', 'contact'] as const;
export type FormKind = (typeof FORM_KINDS)[number];

/**
 * 草稿 → (important: 待审批 ⇄ 退回修改 / 已驳回) → 响应中心受理 → 已转办 (routed to the answering
 * department) → 已答复 → 已确认关闭 (or re-opened back to the centre with a reason); 已撤回.
 */
export const FORM_STATUSES = [
  'draft',
  'pending_approval',
  'sent_back',
  'rejected',
  'at_centre',
  'routed',
  'answered',
  'closed',
  'withdrawn',
] as const;
export type FormStatus = (typeof FORM_STATUSES)[number];

/**
 * Stored contract states; 履行中 / 即将到期 / 已到期 are derived from a signed contract's dates and the
 * reminder setting when read (see CONTRACT_DISPLAY_STATUSES), so they never go stale in the table.
 */
export const CONTRACT_STATUSES = ['draft', 'signed', 'renewed', 'terminated'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

/** 草稿 / 已签订 / 履行中 / 即将到期 / 已到期 / 已续签 / 已终止, as shown. */
export const CONTRACT_DISPLAY_STATUSES = [
  'draft',
  'signed',
  'active',
  'expiring',
  'expired',
  'renewed',
  'terminated',
] as const;
export type ContractDisplayStatus = (typeof CONTRACT_DISPLAY_STATUSES)[number];

/** What a green-channel timeline event belongs to. */
export const GREEN_ENTITIES = ['order', 'form', 'contract'] as const;
export type GreenEntity = (typeof GREEN_ENTITIES)[number];
