import type { z } from 'zod';
import type { Access } from '../roles';

/** One API method: what it takes, what it returns, who may call it, one line on what it does. */
export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  summary: string;
}

/** Declares a method; keeps the zod types so inputs and outputs stay inferred end to end. */
export function method<I extends z.ZodType, O extends z.ZodType>(def: MethodDef<I, O>): MethodDef<I, O> {
  return def;
}
