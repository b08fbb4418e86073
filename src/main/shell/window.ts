import { BrowserWindow, shell, type Session, type WebContents } from 'electron';
import {
  contentSecurityPolicy,
  externalOpenAction,
  isAllowedNavigation,
  permissionDecision,
  withCspHeader,
  type AppLocation,
} from './security';

/**
 * The locked-down window (STYLE.md "Single instance, locked-down window"): sandboxed renderer with
 * context isolation and no Node, a CSP on every response, and no way to navigate away, open windows,
 * attach <webview>s or obtain permissions.
 */

export interface WindowOptions {
  location: AppLocation;
  preloadPath: string;
  iconPath?: string;
  basePolicy: string;
  log: (message: string) => void;
}

/** Session-wide rules: CSP header on every response and the permission gate. */
export function hardenSession(session: Session, options: WindowOptions): void {
  const policy = contentSecurityPolicy(options.basePolicy, options.location.devServerUrl);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders, policy) });
  });
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = permissionDecision(permission, details.requestingUrl, options.location);
    if (!allowed) options.log(`[security] denied permission ${permission} for ${details.requestingUrl}`);
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    permissionDecision(permission, details.requestingUrl ?? requestingOrigin, options.location),
  );
}

/** Per-page rules, applied to every WebContents the app creates. */
export function hardenContents(contents: WebContents, options: WindowOptions): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (externalOpenAction(url) === 'open-external') {
      void shell
        .openExternal(url)
        .catch((error: unknown) => options.log(`[security] openExternal failed: ${String(error)}`));
    } else {
      options.log(`[security] blocked window.open(${url})`);
    }
    return { action: 'deny' };
  });
  const blockNavigation = (event: { preventDefault(): void }, url: string) => {
    if (isAllowedNavigation(url, options.location)) return;
    event.preventDefault();
    options.log(`[security] blocked navigation to ${url}`);
  };
  contents.on('will-navigate', (event, url) => blockNavigation(event, url));
  contents.on('will-redirect', (event, url) => blockNavigation(event, url));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    options.log('[security] blocked a <webview>');
  });
}

/** The main window; shown once its first paint is ready so staff never see a white flash. */
export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'KAM Desk',
    icon: options.iconPath,
    autoHideMenuBar: false,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  return window;
}
