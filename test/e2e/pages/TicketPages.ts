import { expect, type Locator, type Page } from '@playwright/test';

/** Red channel labels (src/renderer/src/features/tickets/i18n.ts), zh-CN unless a test passes en. */
export const TICKET_LABELS = {
  'zh-CN': { title: '红色通道', intake: '受理工单', timeline: '处理过程', help: '键盘快捷键' },
  en: { title: 'Red channel', intake: 'New ticket', timeline: 'Timeline', help: 'Keyboard shortcuts' },
} as const;

/** The service-desk queue (/red): views as tabs, tickets in a table. */
export class QueuePage {
  readonly heading: Locator;
  readonly table: Locator;

  constructor(
    readonly page: Page,
    readonly labels: (typeof TICKET_LABELS)[keyof typeof TICKET_LABELS] = TICKET_LABELS['zh-CN'],
  ) {
    this.heading = page.getByRole('main').getByRole('heading', { level: 2, name: labels.title, exact: true });
    this.table = page.getByRole('main').getByRole('table');
  }

  async goto() {
    await this.page.goto('/#/red');
    // Generous: arrival on a busy shared machine, not speed.
    await expect(this.heading).toBeVisible({ timeout: 30_000 });
  }

  view(name: string | RegExp): Locator {
    return this.page.getByRole('tab', { name });
  }

  row(text: string): Locator {
    return this.table.getByRole('row').filter({ hasText: text });
  }
}

/** Phone intake (/red/new): one search box for the customer, then the ticket's facts. */
export class IntakePage {
  readonly heading: Locator;
  readonly search: Locator;
  readonly summary: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('main').getByRole('heading', { level: 2, name: TICKET_LABELS['zh-CN'].intake, exact: true });
    this.search = page.getByRole('textbox', { name: '客户名称、业务号码、电路编号或信用代码' });
    this.summary = page.getByRole('textbox', { name: '问题摘要' });
    this.submit = page.getByRole('button', { name: /提交/ });
  }

  /** A customer suggestion under the search box. */
  hit(customerName: string): Locator {
    return this.page.getByRole('main').locator('a, button').filter({ hasText: customerName }).first();
  }

  kind(label: '故障' | '投诉'): Locator {
    return this.page.getByRole('radio', { name: label, exact: true });
  }
}

/** One ticket (/red/:id): header, action buttons with their letters, the action form, the timeline. */
export class TicketPage {
  readonly number: Locator;
  readonly dialog: Locator;
  readonly timeline: Locator;

  constructor(readonly page: Page) {
    this.number = page.getByRole('main').getByRole('heading', { level: 2 });
    this.dialog = page.getByRole('dialog');
    this.timeline = page.getByRole('main').locator('.mantine-Card-root').filter({ hasText: TICKET_LABELS['zh-CN'].timeline });
  }

  /** Opens the ticket afresh (a full load: what someone else changed meanwhile shows). */
  async goto(id: string) {
    await this.page.goto(`/#/red/${id}`);
    await this.page.reload();
    await expect(this.number).toBeVisible({ timeout: 30_000 });
  }

  /** Waits until the browser is on a saved ticket (not the intake page, whose heading is also an h2). */
  async waitForSaved() {
    await this.page.waitForURL(/#\/red\/(?!new$)[^/?]+$/, { timeout: 30_000 });
    await expect(this.number).toHaveText(/-\d{4}$/, { timeout: 30_000 });
  }

  /** The ticket id from the current URL. */
  id(): string {
    const match = /#\/red\/([^/?]+)$/.exec(this.page.url());
    if (!match?.[1] || match[1] === 'new') throw new Error(`not on a ticket page: ${this.page.url()}`);
    return match[1];
  }

  action(label: string): Locator {
    return this.page.getByRole('main').getByRole('button', { name: new RegExp(`^${label}`) });
  }

  status(label: string): Locator {
    return this.page.getByRole('main').getByText(label, { exact: true }).first();
  }

  field(label: string): Locator {
    return this.dialog.getByRole('textbox', { name: label });
  }

  /** Picks an option of a select inside the action form. */
  async pick(label: string, option: string | RegExp) {
    await this.dialog.getByRole('combobox', { name: label }).click();
    await this.page.getByRole('option', { name: option }).first().click();
  }

  /** Submits the open action form with Ctrl+Enter and waits for it to close. */
  async submitForm() {
    await this.page.keyboard.press('Control+Enter');
    await expect(this.dialog).toBeHidden({ timeout: 30_000 });
  }
}
