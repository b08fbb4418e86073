import type { Store, Db } from '../db/open';
import type { HybridClock } from '../../shared/hlc';
import type { Locale } from '../../shared/locale';
import type { Role } from '../../shared/roles';
import { AppError } from '../../shared/errors';

/** The signed-in user a service acts for. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  region: string;
  sessionTokenHash: string | null;
}

/** Long-lived things one running app shares between calls. */
export interface Runtime {
  store: Store;
  clock: HybridClock;
  /** This installation's node id (HLC tie-break) and branch id (row ownership). */
  nodeId: string;
  branchId: string;
  /** Data directory (null for an in-memory store in tests). */
  dataDir: string | null;
  transport: 'ipc' | 'web' | 'test';
  version: string;
  /** The app's clock, the only one services read for business time (`--clock` / KAM_CLOCK may set it). */
  now: () => Date;
}

/** What every service function receives: the runtime, the acting user and the method being served. */
export interface ServiceContext extends Runtime {
  db: Db;
  actor: Actor | null;
  method: string;
  locale: Locale;
}

/** The actor, or UNAUTHENTICATED: for services that only make sense signed in. */
export function requireActor(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', 'error.UNAUTHENTICATED');
  return ctx.actor;
}

export function isoNow(ctx: Pick<Runtime, 'now'>): string {
  return ctx.now().toISOString();
}
