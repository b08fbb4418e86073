import { z } from 'zod';
import { method } from './define';
import { idSchema, mobileSchema, okOutput, phoneSchema, requiredText, text } from './common';
import { dateSchema, fenSchema, periodSchema } from './customer-common';
import { BIRTHDAY_CALENDARS } from './visit-common';

/**
 * The customer's sections (DOMAIN.md module 1): key people, service instances, bills, credit,
 * projects and occupied resources. Each has `customers.<section>.save` (no id = add, id = update;
 * fields left out keep their value on update) and `customers.<section>.delete`. Writes need write
 * scope on the customer; bills and credit are also hidden from the service desk.
 */

export const DECISION_ROLES = ['decision_maker', 'influencer', 'user'] as const;
export const SERVICE_STATUSES = ['pending', 'active', 'suspended', 'terminated'] as const;
export const CREDIT_RATINGS = ['AAA', 'AA', 'A', 'B', 'C'] as const;
export const PROJECT_STATUSES = ['planning', 'in_progress', 'done', 'cancelled'] as const;
export const RESOURCE_KINDS = ['circuit', 'line', 'ip_block', 'number', 'port'] as const;

const email = text(100).refine((s) => s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), { error: 'email.format' });

const rowBase = { id: z.string(), customerId: z.string(), updatedAt: z.string() };

export const contactFields = {
  name: requiredText(50),
  title: text(50),
  department: text(100),
  decisionRole: z.enum(DECISION_ROLES).nullable(),
  mobile: mobileSchema,
  phone: phoneSchema,
  email,
  wechat: text(50),
  qq: text(20).regex(/^\d*$/, { error: 'qq.format' }),
  /** A lunar birthday holds the LUNAR yyyy-MM-dd (month 1–12, day 1–30). */
  birthday: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'date.format' }).nullable(),
  /** On update, left out = unchanged; a new key person without it keeps a solar birthday. */
  birthdayCalendar: z.enum(BIRTHDAY_CALENDARS),
  isPrimary: z.boolean(),
  notes: text(500),
};
export const contactSchema = z.object({
  ...rowBase,
  name: z.string(),
  title: z.string(),
  department: z.string(),
  decisionRole: z.enum(DECISION_ROLES).nullable(),
  mobile: z.string(),
  phone: z.string(),
  email: z.string(),
  wechat: z.string(),
  qq: z.string(),
  birthday: z.string().nullable(),
  birthdayCalendar: z.enum(BIRTHDAY_CALENDARS),
  isPrimary: z.boolean(),
  notes: z.string(),
});
export type Contact = z.infer<typeof contactSchema>;

export const serviceInstanceFields = {
  product: requiredText(100),
  serviceNo: requiredText(64),
  bandwidth: text(32),
  address: text(200),
  startDate: dateSchema.nullable(),
  monthlyFeeFen: fenSchema,
  status: z.enum(SERVICE_STATUSES),
};
export const serviceInstanceSchema = z.object({
  ...rowBase,
  product: z.string(),
  serviceNo: z.string(),
  bandwidth: z.string(),
  address: z.string(),
  startDate: z.string().nullable(),
  monthlyFeeFen: z.number().int(),
  status: z.enum(SERVICE_STATUSES),
});
export type ServiceInstance = z.infer<typeof serviceInstanceSchema>;

export const billFields = {
  period: periodSchema,
  billedFen: fenSchema,
  paidFen: fenSchema,
  paidDate: dateSchema.nullable(),
  /** Defaults to the 20th of the month after the period. */
  dueDate: dateSchema.nullable(),
};
export const billSchema = z.object({
  ...rowBase,
  period: z.string(),
  billedFen: z.number().int(),
  paidFen: z.number().int(),
  paidDate: z.string().nullable(),
  dueDate: z.string(),
  /** billed − paid, never below 0. */
  arrearsFen: z.number().int(),
  /** Paid in full by the due date; null while still open and not yet due. */
  onTime: z.boolean().nullable(),
});
export type Bill = z.infer<typeof billSchema>;

export const creditFields = {
  rating: z.enum(CREDIT_RATINGS),
  limitFen: fenSchema,
  note: text(500),
  /** The date the rating was given. */
  at: dateSchema,
};
export const creditRecordSchema = z.object({
  ...rowBase,
  rating: z.enum(CREDIT_RATINGS),
  limitFen: z.number().int(),
  note: z.string(),
  at: z.string(),
});
export type CreditRecord = z.infer<typeof creditRecordSchema>;

export const projectFields = {
  name: requiredText(100),
  status: z.enum(PROJECT_STATUSES),
  amountFen: fenSchema,
  startDate: dateSchema.nullable(),
  endDate: dateSchema.nullable(),
  manager: text(50),
  notes: text(1000),
};
export const projectSchema = z.object({
  ...rowBase,
  name: z.string(),
  status: z.enum(PROJECT_STATUSES),
  amountFen: z.number().int(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  manager: z.string(),
  notes: z.string(),
});
export type Project = z.infer<typeof projectSchema>;

export const resourceFields = {
  kind: z.enum(RESOURCE_KINDS),
  identifier: requiredText(100),
  detail: text(500),
  /** The service instance that occupies it, if any. */
  serviceId: idSchema.nullable(),
};
export const resourceSchema = z.object({
  ...rowBase,
  kind: z.enum(RESOURCE_KINDS),
  identifier: z.string(),
  detail: z.string(),
  serviceId: z.string().nullable(),
});
export type Resource = z.infer<typeof resourceSchema>;

type Shape = Record<string, z.ZodType>;

/**
 * A key person's birthday is a real solar date, or on the lunar calendar a month 1–12 and day 1–30 (the
 * day 30 of a 29-day month is kept on the 29th). The calendar left out (an edit of other fields) is solar.
 */
function checkBirthday(v: { birthday?: string | null; birthdayCalendar?: (typeof BIRTHDAY_CALENDARS)[number] }, ctx: z.RefinementCtx): void {
  if (!v.birthday) return;
  const day = Number(v.birthday.slice(8, 10));
  const ok =
    v.birthdayCalendar === 'lunar'
      ? day <= 30
      : new Date(`${v.birthday}T00:00:00Z`).toISOString().slice(0, 10) === v.birthday;
  if (!ok) ctx.addIssue({ code: 'custom', path: ['birthday'], message: v.birthdayCalendar === 'lunar' ? 'care.lunarBirthday' : 'date.format' });
}

/** Save input: customerId + id? + fields; on add the required fields must be present (checked by the service). */
function saveInput<S extends Shape>(fields: S) {
  const optional = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof S]: z.ZodOptional<S[K]>;
  };
  return z.object({ customerId: idSchema, id: idSchema.optional(), ...optional }).strict();
}

const deleteInput = z.object({ customerId: idSchema, id: idSchema }).strict();
const writers = ['admin', 'leader', 'account_manager'] as const;

export const customerSectionsContract = {
  'customers.contacts.save': method({
    creates: true,
    summary: 'Adds (no id) or edits a key person (关键人); one primary contact per customer.',
    access: writers,
    input: saveInput(contactFields).superRefine(checkBirthday),
    output: contactSchema,
  }),
  'customers.contacts.delete': method({ summary: 'Removes a key person.', access: writers, input: deleteInput, output: okOutput }),
  'customers.services.save': method({
    creates: true,
    summary: 'Adds or edits a service instance (product, circuit/service number, bandwidth, fee).',
    access: writers,
    input: saveInput(serviceInstanceFields),
    output: serviceInstanceSchema,
  }),
  'customers.services.delete': method({ summary: 'Removes a service instance.', access: writers, input: deleteInput, output: okOutput }),
  'customers.bills.save': method({
    creates: true,
    summary: 'Adds or edits a monthly bill and its payment (one bill per period); refreshes spend and arrears.',
    access: writers,
    input: saveInput(billFields),
    output: billSchema,
  }),
  'customers.bills.delete': method({ summary: 'Removes a bill.', access: writers, input: deleteInput, output: okOutput }),
  'customers.credit.save': method({
    creates: true,
    summary: 'Adds or edits a credit record (rating, limit); the newest by date is the current one.',
    access: writers,
    input: saveInput(creditFields),
    output: creditRecordSchema,
  }),
  'customers.credit.delete': method({ summary: 'Removes a credit record.', access: writers, input: deleteInput, output: okOutput }),
  'customers.projects.save': method({
    creates: true,
    summary: 'Adds or edits a project (项目工程).',
    access: writers,
    input: saveInput(projectFields),
    output: projectSchema,
  }),
  'customers.projects.delete': method({ summary: 'Removes a project.', access: writers, input: deleteInput, output: okOutput }),
  'customers.resources.save': method({
    creates: true,
    summary: 'Adds or edits an occupied network resource (circuit, line, IP block, number, port).',
    access: writers,
    input: saveInput(resourceFields),
    output: resourceSchema,
  }),
  'customers.resources.delete': method({ summary: 'Removes an occupied resource.', access: writers, input: deleteInput, output: okOutput }),
} as const;
