import type { ParsedInputOf } from '../../../shared/contract';
import type { ServiceContext } from '../context';
import { attemptLogin, setupFirstAdmin } from './index';
import { seedDemoBranch } from '../demo/seed';

export const authSpecialHandlers = {
  // Sign-in runs its own transaction so a failed attempt is counted even though the call fails.
  'auth.login': {
    ownTransaction: true,
    handler: (ctx: ServiceContext, input: ParsedInputOf<'auth.login'>) => {
      const outcome = ctx.store.sqlite.transaction(() => attemptLogin(ctx, input))();
      if (!outcome.ok) throw outcome.error;
      return outcome.session;
    },
  },
  'auth.setup': (ctx: ServiceContext, input: ParsedInputOf<'auth.setup'>) => {
    const session = setupFirstAdmin(ctx, input);
    if (input.demo) seedDemoBranch(ctx, { keepBranchIdentity: true });
    return session;
  },
} as const;
