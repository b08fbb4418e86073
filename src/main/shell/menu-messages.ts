import type { Locale } from '../../shared/locale';

/**
 * The application menu and native dialogs in both UI languages. The renderer has its own i18n; the
 * main process only needs these few strings, so they live here rather than in shared/messages.ts.
 */
const zhCN = {
  'menu.file': '文件',
  'menu.quit': '退出',
  'menu.edit': '编辑',
  'menu.undo': '撤销',
  'menu.redo': '重做',
  'menu.cut': '剪切',
  'menu.copy': '复制',
  'menu.paste': '粘贴',
  'menu.selectAll': '全选',
  'menu.view': '视图',
  'menu.reload': '重新加载',
  'menu.devTools': '开发者工具',
  'menu.resetZoom': '实际大小',
  'menu.zoomIn': '放大',
  'menu.zoomOut': '缩小',
  'menu.fullscreen': '全屏',
  'menu.window': '窗口',
  'menu.minimize': '最小化',
  'menu.close': '关闭窗口',
  'menu.help': '帮助',
  'menu.print': '打印…',
  'menu.checkUpdates': '检查更新',
  'menu.openDataDir': '打开数据目录',
  'menu.about': '关于 KAM Desk',
  'dialog.aboutTitle': '关于 KAM Desk',
  'dialog.aboutDetail': '版本 {version}\nElectron {electron}\n数据目录：{dataDir}',
  'dialog.ok': '确定',
  'unload.title': '放弃未保存的修改？',
  'unload.message': '有表单的修改还没有保存。',
  'unload.detail': '关闭或刷新窗口会丢失这些修改（工单受理和客户资料会保留草稿）。',
  'unload.discard': '放弃修改',
  'unload.keep': '继续编辑',
  'update.noUrl': '尚未设置更新服务器地址：请管理员在“设置 → 分公司设置”中填写“更新服务器地址”。',
  'update.notPackaged': '开发模式下不检查更新。',
  'update.downloading': '发现新版本 {version}，正在后台下载，完成后会提示您；退出时自动安装。',
  'update.upToDate': '当前已是最新版本（{version}）。',
  'update.readyTitle': '更新已下载',
  'update.readyBody': '新版本 {version} 已下载，将在您退出 KAM Desk 时自动安装。',
  'update.failed': '检查更新失败：{message}',
  'native.title': 'KAM Desk 无法打开本地数据库',
  'native.body':
    'better-sqlite3 原生模块与 Electron 不匹配。请在项目目录运行 “npm start”，它会下载适用于 Electron 的版本。\n\n详细信息：{message}',
  'startup.title': 'KAM Desk 启动失败',
  'startup.body': '启动时出错：{message}\n\n数据目录：{dataDir}',
  'pdf.saveTitle': '保存为 PDF',
  'pdf.filterName': 'PDF 文件',
} as const;

export type ShellMessageKey = keyof typeof zhCN;

const en: Record<ShellMessageKey, string> = {
  'menu.file': 'File',
  'menu.quit': 'Quit',
  'menu.edit': 'Edit',
  'menu.undo': 'Undo',
  'menu.redo': 'Redo',
  'menu.cut': 'Cut',
  'menu.copy': 'Copy',
  'menu.paste': 'Paste',
  'menu.selectAll': 'Select All',
  'menu.view': 'View',
  'menu.reload': 'Reload',
  'menu.devTools': 'Developer Tools',
  'menu.resetZoom': 'Actual Size',
  'menu.zoomIn': 'Zoom In',
  'menu.zoomOut': 'Zoom Out',
  'menu.fullscreen': 'Full Screen',
  'menu.window': 'Window',
  'menu.minimize': 'Minimize',
  'menu.close': 'Close Window',
  'menu.help': 'Help',
  'menu.print': 'Print…',
  'menu.checkUpdates': 'Check for Updates',
  'menu.openDataDir': 'Open Data Folder',
  'menu.about': 'About KAM Desk',
  'dialog.aboutTitle': 'About KAM Desk',
  'dialog.aboutDetail': 'Version {version}\nElectron {electron}\nData folder: {dataDir}',
  'dialog.ok': 'OK',
  'unload.title': 'Discard unsaved changes?',
  'unload.message': 'A form has changes that are not saved yet.',
  'unload.detail': 'Closing or reloading the window loses them (ticket intake and customer profiles keep a draft).',
  'unload.discard': 'Discard changes',
  'unload.keep': 'Keep editing',
  'update.noUrl':
    'No update server is set: an administrator can enter the "Update server address" under Settings → Branch settings.',
  'update.notPackaged': 'Updates are not checked in development mode.',
  'update.downloading':
    'Version {version} is available and downloading in the background; you will be told when it is ready. It installs when you quit.',
  'update.upToDate': 'You have the latest version ({version}).',
  'update.readyTitle': 'Update downloaded',
  'update.readyBody': 'Version {version} has been downloaded and will be installed when you quit KAM Desk.',
  'update.failed': 'Checking for updates failed: {message}',
  'native.title': 'KAM Desk cannot open its local database',
  'native.body':
    'The better-sqlite3 native module does not match Electron. Run "npm start" in the project folder; it downloads the build for Electron.\n\nDetails: {message}',
  'startup.title': 'KAM Desk failed to start',
  'startup.body': 'Start-up failed: {message}\n\nData folder: {dataDir}',
  'pdf.saveTitle': 'Save as PDF',
  'pdf.filterName': 'PDF files',
};

const dictionaries: Record<Locale, Record<ShellMessageKey, string>> = { 'zh-CN': zhCN, en };

/** One shell string in the given language, with `{name}` placeholders filled. */
export function shellText(
  locale: Locale,
  key: ShellMessageKey,
  params: Record<string, string | number> = {},
): string {
  return dictionaries[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function shellDictionary(locale: Locale): Readonly<Record<ShellMessageKey, string>> {
  return dictionaries[locale];
}
