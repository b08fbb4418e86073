import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate, type MenuActions } from '../../src/main/shell/menu';
import { shellDictionary, shellText } from '../../src/main/shell/menu-messages';
import { LOCALES } from '../../src/shared/locale';

function actions(): MenuActions {
  return { print: vi.fn(), checkForUpdates: vi.fn(), openDataDir: vi.fn(), about: vi.fn() };
}

/** The menu reduced to its shape: roles and kinds, without labels. */
function shape(items: MenuItemConstructorOptions[]): unknown[] {
  return items.map((item) => ({
    role: item.role,
    type: item.type,
    accelerator: item.accelerator,
    submenu: Array.isArray(item.submenu) ? shape(item.submenu) : undefined,
  }));
}

function labels(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.label ? [item.label] : []),
    ...(Array.isArray(item.submenu) ? labels(item.submenu) : []),
  ]);
}

function findItem(
  items: MenuItemConstructorOptions[],
  label: string,
): MenuItemConstructorOptions | undefined {
  for (const item of items) {
    if (item.label === label) return item;
    const inner = Array.isArray(item.submenu) ? findItem(item.submenu, label) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

describe('the application menu', () => {
  it('has every string in both languages, and they are really translated', () => {
    const zh = shellDictionary('zh-CN');
    const en = shellDictionary('en');
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(zh[key].trim()).not.toBe('');
      expect(en[key].trim()).not.toBe('');
      expect(zh[key]).not.toBe(en[key]);
    }
  });

  it('is the same menu in zh-CN and en, only the labels change', () => {
    const zh = menuTemplate({ locale: 'zh-CN', platform: 'win32', developer: false, actions: actions() });
    const en = menuTemplate({ locale: 'en', platform: 'win32', developer: false, actions: actions() });
    expect(shape(zh)).toEqual(shape(en));
    expect(zh.map((item) => item.label)).toEqual(['文件', '编辑', '视图', '窗口', '帮助']);
    expect(en.map((item) => item.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    // Every visible label comes from the dictionary of its language.
    for (const locale of LOCALES) {
      const dictionary = new Set(Object.values(shellDictionary(locale)));
      const menu = menuTemplate({ locale, platform: 'win32', developer: true, actions: actions() });
      for (const label of labels(menu)) expect(dictionary.has(label)).toBe(true);
    }
  });

  it('offers reload and developer tools only to developers', () => {
    const roles = (developer: boolean) =>
      JSON.stringify(
        shape(menuTemplate({ locale: 'zh-CN', platform: 'win32', developer, actions: actions() })),
      );
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('"reload"');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('runs the lifecycle actions from its own items', () => {
    const spy = actions();
    const menu = menuTemplate({ locale: 'zh-CN', platform: 'win32', developer: false, actions: spy });
    const click = (label: string) => {
      const item = findItem(menu, label);
      expect(item?.click).toBeTypeOf('function');
      (item!.click as () => void)();
    };
    click('打印…');
    click('检查更新');
    click('打开数据目录');
    click('关于 KAM Desk');
    expect(spy.print).toHaveBeenCalledTimes(1);
    expect(spy.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(spy.openDataDir).toHaveBeenCalledTimes(1);
    expect(spy.about).toHaveBeenCalledTimes(1);
  });

  it('adds the macOS application menu only on macOS', () => {
    expect(
      menuTemplate({ locale: 'en', platform: 'darwin', developer: false, actions: actions() })[0]?.role,
    ).toBe('appMenu');
    expect(
      menuTemplate({ locale: 'en', platform: 'linux', developer: false, actions: actions() })[0]?.role,
    ).toBeUndefined();
  });

  it('fills placeholders in dialog texts', () => {
    expect(shellText('zh-CN', 'update.readyBody', { version: '0.2.0' })).toBe(
      '新版本 0.2.0 已下载，将在您退出 KAM Desk 时自动安装。',
    );
    expect(shellText('en', 'update.failed', { message: 'ECONNREFUSED' })).toBe(
      'Checking for updates failed: ECONNREFUSED',
    );
  });
});
