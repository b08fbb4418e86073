import { z } from 'zod';
import { method } from './define';
import { empty, text } from './common';

export const searchHitSchema = z.object({
  kind: z.enum(['user', 'page', 'customer', 'ticket']),
  id: z.string(),
  title: z.string(),
  subtitle: z.string(),
  route: z.string(),
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
} as const;
