import type { Locale } from './locale';

/** Server messages of the care module (errors, notifications, timeline lines), merged into messages.ts. */
export const careMessages: Record<string, Record<Locale, string>> = {
};
