import type { MenuItemConstructorOptions } from 'electron';
import type { Locale } from '../../shared/locale';
import { shellText } from './menu-messages';

/** What the menu's own items do; the lifecycle (src/main/index.ts) supplies them. */
export interface MenuActions {
  print(): void;
  checkForUpdates(): void;
  openDataDir(): void;
  about(): void;
}

export interface MenuOptions {
  locale: Locale;
  platform: NodeJS.Platform;
  /** Developer tools and reload only when not packaged: staff should not stumble into them. */
  developer: boolean;
  actions: MenuActions;
}

/**
 * The application menu as data (built into a Menu by the lifecycle), in the UI language. Standard
 * editing entries keep Electron's roles so shortcuts and clipboard work; only their labels change.
 */
export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const t = (key: Parameters<typeof shellText>[1]) => shellText(options.locale, key);
  const { actions } = options;
  const mac = options.platform === 'darwin';

  const view: MenuItemConstructorOptions[] = [
    ...(options.developer
      ? ([
          { role: 'reload', label: t('menu.reload') },
          { role: 'toggleDevTools', label: t('menu.devTools') },
          { type: 'separator' },
        ] satisfies MenuItemConstructorOptions[])
      : []),
    { role: 'resetZoom', label: t('menu.resetZoom') },
    { role: 'zoomIn', label: t('menu.zoomIn') },
    { role: 'zoomOut', label: t('menu.zoomOut') },
    { type: 'separator' },
    { role: 'togglefullscreen', label: t('menu.fullscreen') },
  ];

  return [
    ...(mac ? ([{ role: 'appMenu', label: 'KAM Desk' }] satisfies MenuItemConstructorOptions[]) : []),
    {
      label: t('menu.file'),
      submenu: [
        { label: t('menu.print'), accelerator: 'CmdOrCtrl+P', click: () => actions.print() },
        { label: t('menu.openDataDir'), click: () => actions.openDataDir() },
        { type: 'separator' },
        { role: 'quit', label: t('menu.quit') },
      ],
    },
    {
      label: t('menu.edit'),
      submenu: [
        { role: 'undo', label: t('menu.undo') },
        { role: 'redo', label: t('menu.redo') },
        { type: 'separator' },
        { role: 'cut', label: t('menu.cut') },
        { role: 'copy', label: t('menu.copy') },
        { role: 'paste', label: t('menu.paste') },
        { role: 'selectAll', label: t('menu.selectAll') },
      ],
    },
    { label: t('menu.view'), submenu: view },
    {
      label: t('menu.window'),
      submenu: [
        { role: 'minimize', label: t('menu.minimize') },
        { role: 'close', label: t('menu.close') },
      ],
    },
    {
      label: t('menu.help'),
      submenu: [
        { label: t('menu.checkUpdates'), click: () => actions.checkForUpdates() },
        { type: 'separator' },
        { label: t('menu.about'), click: () => actions.about() },
      ],
    },
  ];
}
