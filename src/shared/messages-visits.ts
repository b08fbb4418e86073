import type { Locale } from './locale';

/** Server messages of the visits module (errors, notifications, timeline lines), merged into messages.ts. */
export const visitsMessages: Record<string, Record<Locale, string>> = {
};
