import type { Locale } from './locale';

/** Server messages of the contracts module (errors, notifications, timeline lines), merged into messages.ts. */
export const contractsMessages: Record<string, Record<Locale, string>> = {};
