import { and, asc, eq } from 'drizzle-orm';
import type { GreenEntity } from '../../../shared/contract/order-common';
import { AppError } from '../../../shared/errors';
import { greenAttachments } from '../../db/schema';
import { decodeAttachment, readAttachmentBytes, writeAttachmentBytes } from '../attachment-files';
import type { ServiceContext } from '../context';
import { insertRow } from '../write';
import { appendGreenEvent } from './events';

/**
 * Attachments of work orders, request forms and contracts (scanned contracts, site drawings): rows in
 * green_attachments, bytes under <data dir>/attachments/<entity>/. Callers check that the user may see
 * (and change) the record first; these functions only store and read.
 */

export interface AttachmentView {
  id: string;
  fileName: string;
  size: number;
  createdAt: string;
}

/** Stores a file for a record and notes it on the record's timeline. */
export function addGreenAttachment(
  ctx: ServiceContext,
  entity: GreenEntity,
  record: { id: string; customerId: string; number: string },
  file: { fileName: string; base64: string; mimeType: string },
): AttachmentView {
  const { bytes, sha256 } = decodeAttachment(file.base64);
  const row = insertRow(ctx, greenAttachments, {
    entity,
    entityId: record.id,
    fileName: file.fileName,
    size: bytes.length,
    sha256,
    mimeType: file.mimeType,
  });
  writeAttachmentBytes(ctx, entity, row.id, bytes);
  appendGreenEvent(ctx, entity, record, 'attachment', { data: { file: file.fileName } });
  return { id: row.id, fileName: row.fileName, size: row.size, createdAt: row.createdAt };
}

/** A record's attachments, oldest first. */
export function listGreenAttachments(ctx: ServiceContext, entityId: string): AttachmentView[] {
  return ctx.db
    .select({ id: greenAttachments.id, fileName: greenAttachments.fileName, size: greenAttachments.size, createdAt: greenAttachments.createdAt })
    .from(greenAttachments)
    .where(and(eq(greenAttachments.entityId, entityId), eq(greenAttachments.deleted, false)))
    .orderBy(asc(greenAttachments.createdAt))
    .all();
}

/** The attachment row (to check the caller may see its record) and a reader for its bytes. */
export function findGreenAttachment(ctx: ServiceContext, id: string) {
  const row = ctx.db.select().from(greenAttachments).where(eq(greenAttachments.id, id)).get();
  if (!row || row.deleted) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  return {
    row,
    read: () => ({ fileName: row.fileName, mimeType: row.mimeType, base64: readAttachmentBytes(ctx, row.entity, row.id).toString('base64') }),
  };
}
