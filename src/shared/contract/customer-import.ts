import { z } from 'zod';
import { method } from './define';
import { exportedListSchema, idSchema, pageInput, pageOf, requiredText, text } from './common';
import { customerFilterSchema } from './customer-common';

/**
 * Export of the customer list to .xlsx and import of customers, key people and bills from .xlsx/.csv
 * (UTF-8 or GBK/GB18030, detected). Files travel as base64 both ways so the same call works under
 * Electron IPC and in the browser (the renderer offers the download / reads the picked file).
 *
 * Import flow: `customers.import.preview` (dry run: auto-mapped Chinese headers, row-level errors in
 * the caller's language, what would be created/updated) → fix the file or the mapping →
 * `customers.import.commit` with the same file and mapping (re-validated; any error → nothing
 * written) → a batch that `customers.import.undo` can reverse.
 */

/** How preview and commit number rows (also said in docs/api.md through the preview's summary). */
const ROW_NUMBERS =
  'Row numbers are those Excel shows: the header row keeps its own number (row 1, or the row it is on when title rows stand above it; the header is the row among the first ten that names the most known columns), the first data row is the next one (row 2 under a header in row 1), and blank rows are counted, not skipped.';

export const IMPORT_KINDS = ['customers', 'contacts', 'bills'] as const;
/** Columns the export can contain (the caller's field scope removes money columns for the service desk). */
export const EXPORT_COLUMNS = [
  'name',
  'shortName',
  'creditCode',
  'industry',
  'type',
  'region',
  'address',
  'owner',
  'stage',
  'grade',
  'isKey',
  'monthlySpend',
  'arrears',
  'updatedAt',
] as const;

const fileInput = {
  kind: z.enum(IMPORT_KINDS),
  fileName: requiredText(200).refine((n) => /\.(xlsx|csv)$/i.test(n), { error: 'import.fileType' }),
  /** The file's bytes, base64; up to ~40 MB. */
  base64: z.string().min(1).max(56_000_000),
  /** Header text → field name; omitted headers are auto-mapped, '' ignores a column. */
  mapping: z.record(z.string(), z.string()).optional(),
};

export const importIssueSchema = z.object({
  /** The row number Excel shows (header row 1 → first data row 2; blank rows counted); a missing column's issue has the header's. */
  row: z.number().int().describe('Row number as Excel shows it: the header row is 1 (unless title rows stand above it), the first data row 2; blank rows are counted.'),
  /** The header text of the column, '' for a whole-row problem. */
  column: z.string(),
  message: z.string(),
});
export type ImportIssue = z.infer<typeof importIssueSchema>;

export const importFieldSchema = z.object({
  field: z.string(),
  /** Label in the caller's language. */
  label: z.string(),
  required: z.boolean(),
});

export const importPreviewSchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  /** 'utf-8', 'gb18030' or 'xlsx'. */
  encoding: z.string(),
  headers: z.array(z.string()),
  /** The header's row number as Excel shows it (1 unless title rows stand above it). */
  headerRow: z.number().int(),
  /** Header → field as used (auto-mapped unless given). */
  mapping: z.record(z.string(), z.string()),
  /**
   * Columns that map to no field and are not imported: their header ('' for an unnamed column that
   * holds data) and Excel column letter. The preview lists them so nothing is dropped silently.
   */
  ignored: z.array(z.object({ header: z.string(), column: z.string() })),
  fields: z.array(importFieldSchema),
  totalRows: z.number().int(),
  /** Records of the kind (customers, key people or bills) to create and update. */
  toCreate: z.number().int(),
  toUpdate: z.number().int(),
  /**
   * A customers sheet with contact columns (联系人, 职务, 手机): primary key people to create and to
   * update (an update includes another primary demoted); 0 for the other kinds.
   */
  contacts: z.object({ toCreate: z.number().int(), toUpdate: z.number().int() }),
  /**
   * Rows whose monthly spend (月均消费) is not used because the customer has bills: spend is then the
   * average billed of its last three periods. Without bills the column sets the spend (and key flag).
   */
  spendFromBills: z.number().int(),
  /** Rows that match an existing record and change nothing in it (not written, not in the batch). */
  unchanged: z.number().int(),
  /** At most 500 issues are returned; `issueCount` has the full number. */
  issues: z.array(importIssueSchema),
  issueCount: z.number().int(),
  /** The first rows after normalisation, for the preview table. */
  sample: z.array(z.record(z.string(), z.string())),
});

export const importBatchSchema = z.object({
  id: z.string(),
  kind: z.enum(IMPORT_KINDS),
  fileName: z.string(),
  byName: z.string().nullable(),
  at: z.string(),
  created: z.number().int(),
  updated: z.number().int(),
  /** Key people a customers batch created and updated with its customers (their main contacts). */
  contacts: z.object({ created: z.number().int(), updated: z.number().int() }),
  undone: z.boolean(),
  undoneAt: z.string().nullable(),
});

const importers = ['admin', 'leader', 'account_manager'] as const;

export const customerImportContract = {
  'customers.export': method({
    summary: 'The current list (same filters and sort, caller\'s scope) as an .xlsx with Chinese headers.',
    access: 'authenticated',
    input: customerFilterSchema
      .extend({ columns: z.array(z.enum(EXPORT_COLUMNS)).min(1).optional() })
      .strict(),
    output: exportedListSchema,
  }),
  'customers.import.template': method({
    summary: 'An empty .xlsx with the Chinese headers for one import kind.',
    access: importers,
    input: z.object({ kind: z.enum(IMPORT_KINDS) }).strict(),
    output: z.object({ fileName: z.string(), base64: z.string() }),
  }),
  'customers.import.preview': method({
    summary: `Dry run of an import: mapping, ignored columns, row-level errors and create/update counts (with a customers sheet's main contacts); writes nothing. A file whose text is garbled (a wrong encoding) → VALIDATION saying so. ${ROW_NUMBERS}`,
    access: importers,
    input: z.object(fileInput).strict(),
    output: importPreviewSchema,
  }),
  'customers.import.commit': method({
    creates: true,
    summary:
      'Imports the file all-or-nothing (any row error → VALIDATION, nothing written) as one undoable batch; a customers sheet\'s main contact becomes the customer\'s primary key person in the same batch. A file with nothing to change (the same file again) succeeds with `nothingToChange` and `id` null: no batch is written. `unchanged` counts rows that matched and changed nothing; `cachesQueued` counts customers (of a bills import of more than 5,000) whose spend, arrears and key flag the background refresh updates within seconds.',
    access: importers,
    input: z.object(fileInput).strict(),
    output: importBatchSchema.extend({
      /** null when nothing changed (no batch). */
      id: z.string().nullable(),
      nothingToChange: z.boolean(),
      unchanged: z.number().int(),
      cachesQueued: z.number().int(),
    }),
  }),
  'customers.import.batches': method({
    summary: 'Import batches, newest first (account managers see their own).',
    access: importers,
    input: z.object({ ...pageInput }).strict(),
    output: pageOf(importBatchSchema),
  }),
  'customers.import.batchesExport': method({
    summary: 'The import history (same scope as customers.import.batches: account managers get their own) as an .xlsx, newest first.',
    access: importers,
    input: z.object({}).strict(),
    output: exportedListSchema,
  }),
  'customers.import.undo': method({
    summary: 'Undoes a batch: removes rows it created and restores rows it updated.',
    access: importers,
    input: z.object({ id: idSchema, reason: text(500).default('') }).strict(),
    output: importBatchSchema,
  }),
} as const;
