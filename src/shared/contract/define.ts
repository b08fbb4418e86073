import type { z } from 'zod';
import type { Access } from '../roles';

/** One API method: what it takes, what it returns, who may call it, one line on what it does. */
export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  summary: string;
  /**
   * The method creates a record. Its forms send an idempotency key (header `Idempotency-Key` over HTTP),
   * and a repeated call with the same key returns the first result instead of a second record (issue #21).
   */
  creates?: boolean;
}

/** Declares a method; keeps the zod types so inputs and outputs stay inferred end to end. */
export function method<I extends z.ZodType, O extends z.ZodType>(def: MethodDef<I, O>): MethodDef<I, O> {
  return def;
}
