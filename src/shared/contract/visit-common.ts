/** Enums of the yellow channel (visits, visit plans, courtesy care), shared by the schema, services and renderer. */

/** 客户走访 (on site), 客户来访 (inbound), 电话, 座谈会, 高层拜访. */
export const VISIT_KINDS = ['onsite', 'inbound', 'phone', 'forum', 'executive'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

/** Kinds that count towards a grade's visit interval unless the rule says otherwise (phone does not). */
export const DEFAULT_COUNTING_KINDS: readonly VisitKind[] = ['onsite', 'inbound', 'forum', 'executive'];

/** A visit is 已计划 until it is 已完成 (recorded) or 已取消 (dropped with a reason). */
export const VISIT_STATUSES = ['planned', 'done', 'dropped'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

/** Where a visit came from: the month's generated plan, added by hand to the plan, or recorded directly. */
export const VISIT_SOURCES = ['generated', 'added', 'recorded'] as const;
export type VisitSource = (typeof VISIT_SOURCES)[number];

/** 草稿 → 已提交 (seen by the leader) → 已审阅. A submitted plan may still change; the leader sees what changed. */
export const PLAN_STATUSES = ['draft', 'submitted', 'reviewed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** What a courtesy is for: 生日 (a key person's), 成立纪念日 (the customer's), 节日, 座谈会, 高层拜访, 其他. */
export const CARE_OCCASIONS = ['birthday', 'founding', 'holiday', 'forum', 'executive', 'other'] as const;
export type CareOccasion = (typeof CARE_OCCASIONS)[number];

/** What was given: 问候 (call, message, card), 礼品, 宴请, 鲜花/蛋糕, 其他. */
export const CARE_KINDS = ['greeting', 'gift', 'banquet', 'flowers', 'other'] as const;
export type CareKind = (typeof CARE_KINDS)[number];

/** A care record under the approval limit is 已记录 at once; above it 待审批 → 已批准 / 已驳回. */
export const CARE_STATUSES = ['recorded', 'pending', 'approved', 'rejected'] as const;
export type CareStatus = (typeof CARE_STATUSES)[number];

/** 座谈会 (the annual key-customer forum) and 高层拜访 (executive visits) are events with invited customers. */
export const CARE_EVENT_KINDS = ['forum', 'executive'] as const;
export type CareEventKind = (typeof CARE_EVENT_KINDS)[number];

export const CARE_EVENT_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type CareEventStatus = (typeof CARE_EVENT_STATUSES)[number];

/** 已邀请 → 已确认 / 已婉拒 → 已出席 / 未出席. */
export const GUEST_STATUSES = ['invited', 'confirmed', 'declined', 'attended', 'absent'] as const;
export type GuestStatus = (typeof GUEST_STATUSES)[number];

/** A key person's birthday is kept on the solar (公历) or the lunar (农历) calendar. */
export const BIRTHDAY_CALENDARS = ['solar', 'lunar'] as const;
export type BirthdayCalendar = (typeof BIRTHDAY_CALENDARS)[number];

/** A record written more than this many days after the visit is marked 补录. */
export const LATE_ENTRY_DAYS = 7;
