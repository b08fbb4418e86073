import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { isAppUrl, type AppLocation } from './security';

/** The part of an IPC event the sender check reads (Electron's event, or a test's stand-in). */
export type SenderEvent = Pick<IpcMainInvokeEvent | IpcMainEvent, 'senderFrame'>;

/**
 * An IPC message is trusted only when it comes from the top frame of a page of this app. A frame that
 * navigated elsewhere, an iframe, or a destroyed frame gets nothing.
 */
export function isTrustedSender(event: SenderEvent, location: AppLocation): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url, location);
}
