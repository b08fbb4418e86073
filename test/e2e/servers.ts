/** The three browser-transport servers the e2e suite runs against, each on its own fresh data directory. */
export const ADMIN_PASSWORD = 'Admin12345';
/** The demo branch's password for everyone but admin (src/main/services/demo/seed.ts). */
export const DEMO_PASSWORD = 'Demo@2026';

// KAM_E2E_PORT_BASE lets two runs share a machine (e.g. two engineers at once).
const BASE = Number(process.env.KAM_E2E_PORT_BASE ?? 5310);

export const SERVERS = {
  /** Empty data directory: the first-run setup screen. */
  firstRun: { port: BASE },
  /** KAM_ADMIN_PASSWORD on an empty directory: just user `admin`. */
  admin: { port: BASE + 1 },
  /** --demo: the demo branch (about 20 users in every role), admin's password from KAM_ADMIN_PASSWORD. */
  demo: { port: BASE + 2 },
} as const;

export const urlOf = (server: keyof typeof SERVERS) => `http://127.0.0.1:${SERVERS[server].port}`;
