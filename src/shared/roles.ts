/** The five roles of a branch (DOMAIN.md, cross-cutting expectations). */
export const ROLES = ['admin', 'leader', 'account_manager', 'service_desk', 'staff'] as const;
export type Role = (typeof ROLES)[number];

/** Who may call a method: nobody signed in, anyone signed in, or the listed roles. */
export type Access = 'public' | 'authenticated' | readonly Role[];

export const MANAGERS: readonly Role[] = ['admin', 'leader'];
