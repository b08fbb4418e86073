import { z } from 'zod';
import { method } from './define';
import { empty, text } from './common';

/** What a search hit matched (issue #18): the field, its text and the [start, end) parts to highlight. */
export const searchMatchSchema = z.object({
  field: z.string(),
  text: z.string(),
  ranges: z.array(z.tuple([z.number().int(), z.number().int()])),
  /** Matched by pinyin (the ranges are the characters the pinyin covers). */
  pinyin: z.boolean().optional(),
});
export type SearchMatch = z.infer<typeof searchMatchSchema>;

export const searchHitSchema = z.object({
  kind: z.enum(['user', 'page', 'customer', 'ticket', 'order', 'contract', 'form', 'visit']),
  id: z.string(),
  title: z.string(),
  subtitle: z.string(),
  route: z.string(),
  match: searchMatchSchema.nullable().optional(),
  /** How many records of this kind match in all ("1,000+" when capped). */
  groupTotal: z.number().int().optional(),
  groupTotalCapped: z.boolean().optional(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const systemContract = {
  'system.info': method({
    summary: "Version, data directory, schema version and database size (About box, support), and the app's current time.",
    access: 'authenticated',
    input: empty,
    output: z.object({
      version: z.string(),
      dataDir: z.string(),
      schemaVersion: z.number().int(),
      databaseBytes: z.number().int(),
      transport: z.enum(['ipc', 'web', 'test']),
      /** The runtime's now (ISO UTC): the renderer's countdowns and "is it overdue" read this clock, not the PC's. */
      now: z.string(),
    }),
  }),
  'system.backup': method({
    summary: 'Writes a consistent copy of the database to the backups folder and returns its path.',
    access: ['admin'],
    input: empty,
    output: z.object({ path: z.string(), bytes: z.number().int() }),
  }),
  'search.global': method({
    summary: 'The Ctrl+K search over everything the caller may see.',
    access: 'authenticated',
    input: z.object({ query: text(100).min(1) }).strict(),
    output: z.array(searchHitSchema),
  }),
  'search.rebuild': method({
    summary: 'Rebuilds the search index from the records (queued, written in the background within minutes).',
    access: ['admin'],
    input: empty,
    output: z.object({ queued: z.number().int() }),
  }),
} as const;
