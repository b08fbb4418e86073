import { describe, expect, it } from 'vitest';
import type { BrowserWindow, Dialog, MessageBoxSyncOptions, WebContents } from 'electron';
import { confirmDiscard, guardUnload } from '../../src/main/shell/unload';

/** A window's contents that remembers its listeners, and a dialog that answers with a chosen button. */
function fakes(answer: number) {
  const listeners = new Map<string, (event: { preventDefault: () => void }) => void>();
  const contents = { on: (name: string, fn: never) => listeners.set(name, fn) } as unknown as WebContents;
  const asked: MessageBoxSyncOptions[] = [];
  const dialog = {
    showMessageBoxSync: (_window: BrowserWindow, options: MessageBoxSyncOptions) => {
      asked.push(options);
      return answer;
    },
  } as unknown as Pick<Dialog, 'showMessageBoxSync'>;
  /** The page refused to unload; returns whether the window was let go. */
  const refuseUnload = () => {
    let left = false;
    listeners.get('will-prevent-unload')?.({ preventDefault: () => (left = true) });
    return left;
  };
  return { contents, dialog, asked, refuseUnload };
}

const window = {} as BrowserWindow;

describe('closing the desktop window with unsaved changes', () => {
  it('asks in the UI language, with keep editing as the default, and stays open unless told to discard', () => {
    const keep = fakes(1);
    guardUnload(keep.contents, () => confirmDiscard(keep.dialog, window, 'zh-CN'));
    expect(keep.refuseUnload()).toBe(false);
    expect(keep.asked[0]).toMatchObject({ title: '放弃未保存的修改？', buttons: ['放弃修改', '继续编辑'], defaultId: 1, cancelId: 1 });

    const discard = fakes(0);
    guardUnload(discard.contents, () => confirmDiscard(discard.dialog, window, 'en'));
    expect(discard.refuseUnload()).toBe(true);
    expect(discard.asked[0]).toMatchObject({ title: 'Discard unsaved changes?', buttons: ['Discard changes', 'Keep editing'] });
  });
});
