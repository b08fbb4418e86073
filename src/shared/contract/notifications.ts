import { z } from 'zod';
import { method } from './define';
import { idSchema, isoTime, okOutput, pageInput, pageOf } from './common';

/** In-app notifications (escalations, faults and complaints on an account manager's customers). */

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  /** Rendered in the caller's language. */
  message: z.string(),
  route: z.string().nullable(),
  ticketId: z.string().nullable(),
  createdAt: isoTime,
  readAt: isoTime.nullable(),
});

export const notificationsContract = {
  'notifications.list': method({
    summary: 'The caller\'s in-app notifications, newest first, with the unread count.',
    access: 'authenticated',
    input: z.object({ unreadOnly: z.boolean().default(false), ...pageInput }).strict(),
    output: pageOf(notificationSchema).extend({ unread: z.number().int() }),
  }),
  'notifications.markRead': method({
    summary: 'Marks the given notifications (or all of them) read.',
    access: 'authenticated',
    input: z.object({ ids: z.array(idSchema).max(500).optional(), all: z.boolean().default(false) }).strict(),
    output: okOutput,
  }),
} as const;
