import { z } from 'zod';
import { method } from './define';
import { pageInput, pageOf, text } from './common';

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  method: z.string(),
  entity: z.string(),
  entityId: z.string(),
  action: z.enum(['create', 'update', 'delete', 'login', 'login_failed', 'logout', 'other']),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditContract = {
  'audit.list': method({
    summary: 'The audit log, newest first, filtered by actor, entity, action, method and time.',
    access: ['admin', 'leader'],
    input: z
      .object({
        actorId: text(64).optional(),
        entity: text(64).optional(),
        entityId: text(64).optional(),
        action: auditEntrySchema.shape.action.optional(),
        method: text(64).optional(),
        from: z.iso.datetime().optional(),
        to: z.iso.datetime().optional(),
        ...pageInput,
      })
      .strict(),
    output: pageOf(auditEntrySchema),
  }),
  'audit.entities': method({
    summary: 'The entity and method names that occur in the audit log, for the filter pickers.',
    access: ['admin', 'leader'],
    input: z.object({}).strict(),
    output: z.object({ entities: z.array(z.string()), methods: z.array(z.string()) }),
  }),
} as const;
