import { eq } from 'drizzle-orm';
import type { ParsedInputOf } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { ticketAttachments } from '../../db/schema';
import { decodeAttachment, readAttachmentBytes, writeAttachmentBytes } from '../attachment-files';
import type { ServiceContext } from '../context';
import { insertRow } from '../write';
import { appendTicketEvent } from './events';
import { loadTicket } from './read';
import { assertCanSee, ticketScope } from './scope';

/** Ticket attachments: bytes in <data dir>/attachments/tickets/<id>, metadata in a synced table. */

/** Stores a file for a ticket the caller can see and notes it on the timeline. */
export function addAttachment(ctx: ServiceContext, input: ParsedInputOf<'tickets.attachments.add'>) {
  const scope = ticketScope(ctx);
  const t = loadTicket(ctx, input.ticketId);
  assertCanSee(ctx, scope, t);
  const { bytes, sha256 } = decodeAttachment(input.base64);
  const row = insertRow(ctx, ticketAttachments, {
    ticketId: t.id,
    fileName: input.fileName,
    size: bytes.length,
    sha256,
    mimeType: input.mimeType,
  });
  // Written inside the API transaction: if the file write fails the row rolls back with it.
  writeAttachmentBytes(ctx, 'tickets', row.id, bytes);
  appendTicketEvent(ctx, t, 'attachment', { data: { file: input.fileName } });
  return { id: row.id, fileName: row.fileName, size: row.size, createdAt: row.createdAt };
}

/** Reads an attachment of a ticket the caller can see. */
export function getAttachment(ctx: ServiceContext, id: string) {
  const scope = ticketScope(ctx);
  const row = ctx.db.select().from(ticketAttachments).where(eq(ticketAttachments.id, id)).get();
  if (!row || row.deleted) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  assertCanSee(ctx, scope, loadTicket(ctx, row.ticketId));
  // Rows arrive by sync before (or without) the bytes, which stay on the device that took them.
  const bytes = readAttachmentBytes(ctx, 'tickets', row.id);
  return { fileName: row.fileName, mimeType: row.mimeType, base64: bytes.toString('base64') };
}

export const attachmentHandlers = {
  'tickets.attachments.add': (ctx: ServiceContext, input: ParsedInputOf<'tickets.attachments.add'>) => addAttachment(ctx, input),
  'tickets.attachments.get': (ctx: ServiceContext, input: ParsedInputOf<'tickets.attachments.get'>) => getAttachment(ctx, input.id),
};
