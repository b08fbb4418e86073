import { createApi, type Api } from './api';
import { openRuntime, type RuntimeOptions } from './runtime';
import type { ServiceContext } from './services/context';
import { createUserWithPassword, setupRequired } from './services/auth';
import { DEMO_PASSWORD, seedDemoBranch } from './services/demo/seed';

export interface StartOptions extends RuntimeOptions {
  /** Build the demo branch when the data directory is empty. */
  demo?: boolean;
  /** KAM_ADMIN_PASSWORD: on an empty data directory, create user `admin` with this password. */
  adminPassword?: string;
}

export interface BootReport {
  api: Api;
  created: 'nothing' | 'admin' | 'demo';
}

/**
 * Opens the runtime and, on an empty data directory, creates the first admin (KAM_ADMIN_PASSWORD) or
 * the demo branch (--demo), each in one transaction. Otherwise the renderer shows the setup screen.
 */
export function startApp(options: StartOptions): BootReport {
  const runtime = openRuntime(options);
  const api = createApi(runtime);
  let created: BootReport['created'] = 'nothing';
  if (setupRequired(runtime) && (options.demo || options.adminPassword)) {
    const ctx: ServiceContext = { ...runtime, db: runtime.store.db, actor: null, method: 'system.bootstrap', locale: 'zh-CN' };
    runtime.store.sqlite.transaction(() => {
      if (options.demo) {
        seedDemoBranch(ctx, { adminPassword: options.adminPassword });
        created = 'demo';
      } else {
        createUserWithPassword(ctx, {
          username: 'admin',
          displayName: '系统管理员',
          role: 'admin',
          department: '系统管理',
          password: options.adminPassword ?? DEMO_PASSWORD,
        });
        created = 'admin';
      }
    })();
  }
  return { api, created };
}
