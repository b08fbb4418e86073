import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createUpdateChecker, updatePlan, type UpdaterLike } from '../../src/main/shell/updater';

/** Stands in for electron-updater's autoUpdater (a third-party object, not our code). */
class FakeUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  logger: unknown = null;
  feeds: unknown[] = [];
  checks = 0;
  failWith: Error | null = null;
  available: string | null = null;
  downloadError: Error | null = null;
  quitAndInstall = vi.fn();
  setFeedURL(options: unknown) {
    this.feeds.push(options);
  }
  async checkForUpdates() {
    this.checks += 1;
    if (this.failWith) throw this.failWith;
    return {
      isUpdateAvailable: this.available !== null,
      updateInfo: { version: this.available ?? '0.1.0' },
      downloadPromise: this.downloadError ? Promise.reject(this.downloadError) : Promise.resolve([]),
    };
  }
}

function setup() {
  const updater = new FakeUpdater();
  const loadUpdater = vi.fn(async () => updater as unknown as UpdaterLike);
  const log = vi.fn();
  const notifyDownloaded = vi.fn();
  return {
    updater,
    loadUpdater,
    log,
    notifyDownloaded,
    checker: createUpdateChecker({ loadUpdater, log, notifyDownloaded }),
  };
}

describe('when the app looks for updates', () => {
  it('only looks when packaged and an http(s) update URL is set', () => {
    expect(updatePlan(false, 'http://updates.branch.local/kam/')).toEqual({
      active: false,
      reason: 'not-packaged',
    });
    expect(updatePlan(true, '')).toEqual({ active: false, reason: 'no-url' });
    expect(updatePlan(true, '   ')).toEqual({ active: false, reason: 'no-url' });
    expect(updatePlan(true, null)).toEqual({ active: false, reason: 'no-url' });
    expect(updatePlan(true, 'ftp://updates/')).toEqual({ active: false, reason: 'bad-url' });
    expect(updatePlan(true, 'updates.branch.local')).toEqual({ active: false, reason: 'bad-url' });
    expect(updatePlan(true, ' http://updates.branch.local/kam/ ')).toEqual({
      active: true,
      url: 'http://updates.branch.local/kam/',
    });
  });

  it('does not even load electron-updater in development or without a URL', async () => {
    const { checker, loadUpdater } = setup();
    expect(await checker.check(false, 'http://updates.branch.local/kam/')).toEqual({
      active: false,
      reason: 'not-packaged',
    });
    expect(await checker.check(true, '')).toEqual({ active: false, reason: 'no-url' });
    expect(loadUpdater).not.toHaveBeenCalled();
  });

  it('checks the generic feed at the URL of the branch setting, downloading in the background', async () => {
    const { checker, updater, loadUpdater } = setup();
    expect(await checker.check(true, 'http://updates.branch.local/kam/')).toEqual({
      active: true,
      url: 'http://updates.branch.local/kam/',
      latest: null,
    });
    expect(updater.feeds).toEqual([{ provider: 'generic', url: 'http://updates.branch.local/kam/' }]);
    expect(updater.checks).toBe(1);
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);

    // The administrator changes the setting: the next check uses the new server, same updater.
    await checker.check(true, 'https://hq.example/kam/');
    expect(updater.feeds.at(-1)).toEqual({ provider: 'generic', url: 'https://hq.example/kam/' });
    expect(loadUpdater).toHaveBeenCalledTimes(1);
  });

  it('tells the user a downloaded update installs on quit, and never restarts the app itself', async () => {
    const { checker, updater, notifyDownloaded } = setup();
    updater.available = '0.2.0';
    expect(await checker.check(true, 'http://updates.branch.local/kam/')).toMatchObject({ latest: '0.2.0' });
    updater.emit('update-downloaded', { version: '0.2.0' });
    expect(notifyDownloaded).toHaveBeenCalledWith('0.2.0');
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
  });

  it('logs errors instead of throwing them at the user', async () => {
    const { checker, updater, log } = setup();
    updater.failWith = new Error('getaddrinfo ENOTFOUND updates.branch.local');
    const outcome = await checker.check(true, 'http://updates.branch.local/kam/');
    expect(outcome).toEqual({
      active: true,
      url: 'http://updates.branch.local/kam/',
      failed: 'getaddrinfo ENOTFOUND updates.branch.local',
    });
    expect(log).toHaveBeenCalledWith('[updater] check failed', updater.failWith);

    updater.failWith = null;
    updater.available = '0.2.0';
    updater.downloadError = new Error('socket hang up');
    await checker.check(true, 'http://updates.branch.local/kam/');
    await new Promise((tick) => setImmediate(tick));
    expect(log).toHaveBeenCalledWith('[updater] download failed', updater.downloadError);

    const late = new Error('sha512 checksum mismatch');
    updater.emit('error', late);
    expect(log).toHaveBeenCalledWith('[updater] error', late);
  });
});
