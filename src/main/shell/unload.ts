import type { BrowserWindow, Dialog, WebContents } from 'electron';
import type { Locale } from '../../shared/locale';
import { shellText } from './menu-messages';

/**
 * Typed work is never lost (issue #21) in the desktop window too: when a form with unsaved changes
 * refuses to unload (its beforeunload handler), Electron would silently keep the window open. This asks
 * the user instead, in the UI language, with "keep editing" as the default.
 */

/** Asks whether to leave a page that has unsaved changes; true to leave and lose them. */
export function confirmDiscard(
  dialog: Pick<Dialog, 'showMessageBoxSync'>,
  window: BrowserWindow,
  locale: Locale,
): boolean {
  const choice = dialog.showMessageBoxSync(window, {
    type: 'question',
    title: shellText(locale, 'unload.title'),
    message: shellText(locale, 'unload.message'),
    detail: shellText(locale, 'unload.detail'),
    buttons: [shellText(locale, 'unload.discard'), shellText(locale, 'unload.keep')],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  });
  return choice === 0;
}

/** Lets the page unload (close, reload) despite its beforeunload only when `ask` says so. */
export function guardUnload(contents: Pick<WebContents, 'on'>, ask: () => boolean): void {
  contents.on('will-prevent-unload', (event) => {
    // preventDefault here overrides the page's beforeunload: the window closes or reloads.
    if (ask()) event.preventDefault();
  });
}
