import type { Locale } from './locale';

/** Server messages of the forms module (errors, notifications, timeline lines), merged into messages.ts. */
export const formsMessages: Record<string, Record<Locale, string>> = {};
