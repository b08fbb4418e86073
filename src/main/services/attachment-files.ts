import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import type { ServiceContext } from './context';

/**
 * The bytes of attached files (tickets, work orders, request forms, contracts): one file per attachment
 * row under <data dir>/attachments/<folder>/<row id>; the metadata rows are synced, the bytes stay on the
 * device that took them.
 */

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

function dirOf(ctx: ServiceContext, folder: string): string {
  if (!ctx.dataDir) throw new AppError('CONFLICT', 'tickets.noDataDir');
  return join(ctx.dataDir, 'attachments', folder);
}

/** Decodes an upload and checks its size; the SHA-256 goes on the metadata row. */
export function decodeAttachment(base64: string): { bytes: Buffer; sha256: string } {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0 || bytes.length > MAX_ATTACHMENT_BYTES) throw new AppError('VALIDATION', 'tickets.attachmentSize');
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Writes an attachment's bytes; call inside the transaction that inserts its row, so a failed write rolls it back. */
export function writeAttachmentBytes(ctx: ServiceContext, folder: string, id: string, bytes: Buffer): void {
  const dir = dirOf(ctx, folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, id), bytes);
}

/** Reads an attachment's bytes; NOT_FOUND when only its synced row reached this device. */
export function readAttachmentBytes(ctx: ServiceContext, folder: string, id: string): Buffer {
  try {
    return readFileSync(join(dirOf(ctx, folder), id));
  } catch {
    throw new AppError('NOT_FOUND', 'tickets.attachmentMissing');
  }
}
