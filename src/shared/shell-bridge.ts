import type { Locale } from './locale';

/** Facts about the running desktop app, for the About box and support requests. */
export interface AppInfo {
  name: string;
  version: string;
  electron: string;
  chrome: string;
  platform: string;
  arch: string;
  packaged: boolean;
  dataDir: string;
}

export interface PrintOptions {
  landscape?: boolean;
}

export interface PdfOptions extends PrintOptions {
  /** File name offered in the save dialog, e.g. '客户收入月报-2026-11.pdf'. */
  suggestedName?: string;
}

/** Outcome of "save as PDF": the chosen path, or null when the user cancelled. */
export interface PdfResult {
  path: string | null;
}

/**
 * Desktop-only helpers the preload exposes as `window.kamShell` (absent in browser mode). Kept apart
 * from `window.kam`, which is exactly the API contract.
 */
export interface KamShell {
  /** Switches the application menu (and native dialogs) to the UI language. */
  setLocale(locale: Locale): Promise<void>;
  /** Opens the system print dialog for the current page; resolves false when cancelled or failed. */
  print(options?: PrintOptions): Promise<boolean>;
  /** Renders the current page to an A4 PDF and asks where to save it. */
  printToPdf(options?: PdfOptions): Promise<PdfResult>;
  appInfo(): Promise<AppInfo>;
}
