import { z } from 'zod';
import { method } from './define';
import { exportedListSchema, pageInput, pageOf, text } from './common';
import { AUDIT_ACTIONS } from '../audit-text';

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  method: z.string(),
  entity: z.string(),
  entityId: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  /** Written by an automatic job (no one signed in, a background job, or one row of an import or run). */
  automatic: z.boolean(),
  /** What the record is called now (a customer's name, a ticket's number), when the table has names. */
  name: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/**
 * Whose changes to list: people's (the default), automatic jobs' (background jobs, and the row-level
 * writes of an import or evaluation run, whose batch or run is listed as one line among people's), or both.
 */
/** Where counting a filtered audit log stops: a million-row log is not read to say how many pages it has. */
export const AUDIT_COUNT_CAP = 10_000;

export const AUDIT_ORIGINS = ['people', 'jobs', 'all'] as const;

const auditFilter = {
  origin: z.enum(AUDIT_ORIGINS).default('people'),
  actorId: text(64).optional(),
  entity: text(64).optional(),
  entityId: text(64).optional(),
  action: auditEntrySchema.shape.action.optional(),
  method: text(64).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
};

export const auditContract = {
  'audit.list': method({
    summary: 'The audit log, newest first: people\'s changes by default, or automatic jobs\', filtered by actor, entity, action, method and time.',
    access: ['admin', 'leader'],
    input: z.object({ ...auditFilter, ...pageInput }).strict(),
    // Counting stops at AUDIT_COUNT_CAP: above it `totalCapped` is true and the page shows "10,000+".
    output: pageOf(auditEntrySchema).extend({ totalCapped: z.boolean() }),
  }),
  'audit.export': method({
    summary: 'The audit log with the same filters as audit.list, as an .xlsx in the caller\'s language (up to 100,000 rows).',
    access: ['admin', 'leader'],
    input: z.object(auditFilter).strict(),
    output: exportedListSchema,
  }),
  'audit.entities': method({
    summary: 'The entity names that occur in the audit log, for the filter picker.',
    access: ['admin', 'leader'],
    input: z.object({}).strict(),
    output: z.object({ entities: z.array(z.string()) }),
  }),
} as const;
