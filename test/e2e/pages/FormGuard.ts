import type { Locator, Page } from '@playwright/test';

/** Labels of the shared form pieces (src/renderer/src/components/forms/i18n.ts). */
export interface FormLabels {
  discardTitle: string;
  keep: string;
  discard: string;
  draftRestored: string;
  discardDraft: string;
}

export const FORM_LABELS: Record<'zh-CN' | 'en', FormLabels> = {
  'zh-CN': {
    discardTitle: '放弃未保存的修改？',
    keep: '继续编辑',
    discard: '放弃修改',
    draftRestored: '已恢复未保存的草稿',
    discardDraft: '丢弃草稿',
  },
  en: {
    discardTitle: 'Discard unsaved changes?',
    keep: 'Keep editing',
    discard: 'Discard changes',
    draftRestored: 'Unsaved draft restored',
    discardDraft: 'Discard draft',
  },
};

/** The "Discard unsaved changes?" question a form with changes asks before it closes or the page changes. */
export class DiscardQuestion {
  readonly root: Locator;
  readonly keep: Locator;
  readonly discard: Locator;

  constructor(
    readonly page: Page,
    labels: FormLabels = FORM_LABELS['zh-CN'],
  ) {
    this.root = page.getByRole('dialog', { name: labels.discardTitle });
    this.keep = this.root.getByRole('button', { name: labels.keep });
    this.discard = this.root.getByRole('button', { name: labels.discard });
  }
}

/** The notice above a form whose unsaved draft was restored. */
export function draftNotice(page: Page, labels: FormLabels = FORM_LABELS['zh-CN']): Locator {
  return page.getByRole('status').filter({ hasText: labels.draftRestored });
}
