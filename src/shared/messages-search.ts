import type { Locale } from './locale';

/** Server messages of the search module (errors, notifications, timeline lines), merged into messages.ts. */
export const searchMessages: Record<string, Record<Locale, string>> = {};
