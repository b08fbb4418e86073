import { fieldErrors } from '../../api/client';

/**
 * A VALIDATION answer's issues by top-level field and by full path (products.0.product), so a row of a
 * repeated group shows its own message in place.
 */
export function fieldErrorsDeep(error: unknown): Record<string, string> {
  const out: Record<string, string> = { ...fieldErrors(error) };
  const issues = (error as { issues?: { path: string; message: string }[] }).issues ?? [];
  for (const i of issues) if (!out[i.path]) out[i.path] = i.message;
  return out;
}
