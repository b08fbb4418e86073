import type { AppUpdater } from 'electron-updater';

/**
 * Updates from the branch's intranet server (electron-updater, generic provider). The server URL is the
 * branch setting `updateUrl`, so it is read when a check runs, not baked into the build. Updates are
 * only ever installed when the user quits: a clerk in the middle of a complaint must never lose a form
 * to a forced restart.
 */

export type UpdaterLike = Pick<
  AppUpdater,
  'autoDownload' | 'autoInstallOnAppQuit' | 'setFeedURL' | 'checkForUpdates' | 'on' | 'logger'
>;

export type UpdatePlan =
  { active: true; url: string } | { active: false; reason: 'not-packaged' | 'no-url' | 'bad-url' };

/** Whether a check may run: packaged builds only, with an http(s) update URL set. */
export function updatePlan(packaged: boolean, updateUrl: string | null | undefined): UpdatePlan {
  if (!packaged) return { active: false, reason: 'not-packaged' };
  const url = (updateUrl ?? '').trim();
  if (url === '') return { active: false, reason: 'no-url' };
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      return { active: false, reason: 'bad-url' };
  } catch {
    return { active: false, reason: 'bad-url' };
  }
  return { active: true, url };
}

export interface UpdateDeps {
  /** Loads electron-updater lazily: it is never loaded in development or when no URL is set. */
  loadUpdater: () => Promise<UpdaterLike>;
  log: (message: string, error?: unknown) => void;
  /** Tells the user a downloaded update will be installed on quit (a notification, never a prompt to restart). */
  notifyDownloaded: (version: string) => void;
}

/** What a check found: nothing to do, the newer version now downloading (null: up to date), or a failure. */
export type UpdateOutcome =
  | Extract<UpdatePlan, { active: false }>
  | { active: true; url: string; latest: string | null }
  | { active: true; url: string; failed: string };

/** Creates the checker; `check` configures the feed from the current setting and starts a check. */
export function createUpdateChecker(deps: UpdateDeps) {
  let updater: UpdaterLike | null = null;

  async function ready(): Promise<UpdaterLike> {
    if (updater) return updater;
    const loaded = await deps.loadUpdater();
    loaded.autoDownload = true;
    loaded.autoInstallOnAppQuit = true;
    loaded.logger = {
      info: (message?: unknown) => deps.log(`[updater] ${String(message)}`),
      warn: (message?: unknown) => deps.log(`[updater] ${String(message)}`),
      error: (message?: unknown) => deps.log(`[updater] ${String(message)}`),
    };
    loaded.on('error', (error) => deps.log('[updater] error', error));
    loaded.on('update-downloaded', (event) => deps.notifyDownloaded(event.version));
    updater = loaded;
    return loaded;
  }

  async function check(packaged: boolean, updateUrl: string | null | undefined): Promise<UpdateOutcome> {
    const plan = updatePlan(packaged, updateUrl);
    if (!plan.active) return plan;
    try {
      const active = await ready();
      active.setFeedURL({ provider: 'generic', url: plan.url });
      const result = await active.checkForUpdates();
      // A failed background download is also emitted as 'error'; it must not surface as unhandled.
      result?.downloadPromise?.catch((error: unknown) => deps.log('[updater] download failed', error));
      return { ...plan, latest: result?.isUpdateAvailable ? result.updateInfo.version : null };
    } catch (error) {
      deps.log('[updater] check failed', error);
      return { ...plan, failed: error instanceof Error ? error.message : String(error) };
    }
  }

  return { check };
}
