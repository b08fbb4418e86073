import { expect, type Locator, type Page } from '@playwright/test';

/** Green channel labels (src/renderer/src/features/green/i18n.ts), zh-CN. */
export const GREEN_LABELS = {
  title: '绿色通道',
  newOrder: '新建工单',
  track: '环节进度',
  timeline: '处理过程',
} as const;

/** The order list (/green) and the to-do queue (/green/queue): channel title, tabs, a table of orders. */
export class GreenListPage {
  readonly heading: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('main').getByRole('heading', { level: 2, name: GREEN_LABELS.title, exact: true });
    this.table = page.getByRole('main').getByRole('table');
  }

  async goto(path: '/green' | '/green/queue' = '/green') {
    await this.page.goto(`/#${path}`);
    // Generous: arrival on a busy shared machine, not speed.
    await expect(this.heading).toBeVisible({ timeout: 30_000 });
  }

  /** A view of the queue, or a tab of the channel (工单, 待办, 设置 …). */
  tab(name: string | RegExp): Locator {
    return this.page.getByRole('tab', { name });
  }

  row(text: string): Locator {
    return this.table.getByRole('row').filter({ hasText: text });
  }
}

/** The new-order form (/green/orders/new), the customer given by the customer page or picked. */
export class NewOrderPage {
  readonly heading: Locator;
  readonly customer: Locator;
  readonly businessType: Locator;
  readonly siteAddress: Locator;
  readonly stages: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = main.getByRole('heading', { name: GREEN_LABELS.newOrder });
    this.customer = main.getByRole('combobox', { name: '客户' });
    this.businessType = main.getByRole('combobox', { name: '业务类型' });
    this.siteAddress = main.getByRole('textbox', { name: '装机地址' });
    this.stages = main.getByRole('table', { name: '环节与完工时限' });
    this.submit = main.getByRole('button', { name: /提交工单/ });
  }

  product(row: number): Locator {
    return this.page.getByRole('main').getByRole('textbox', { name: `产品 ${row}`, exact: true });
  }

  async pickBusinessType(name: string) {
    await this.businessType.click();
    await this.page.getByRole('option', { name, exact: true }).click();
  }
}

/** One order (/green/orders/:id): header, action buttons with their letters, the action form, stage track, timeline. */
export class OrderPage {
  readonly number: Locator;
  readonly dialog: Locator;
  readonly track: Locator;
  readonly timeline: Locator;

  constructor(readonly page: Page) {
    this.number = page.getByRole('main').getByRole('heading', { level: 2 });
    this.dialog = page.getByRole('dialog');
    this.track = page.getByRole('table', { name: GREEN_LABELS.track });
    this.timeline = page.getByRole('main').locator('.mantine-Card-root').filter({ hasText: GREEN_LABELS.timeline });
  }

  /** Opens the order afresh (a full load: what someone else changed meanwhile shows). */
  async goto(id: string) {
    await this.page.goto(`/#/green/orders/${id}`);
    await this.page.reload();
    await expect(this.number).toBeVisible({ timeout: 30_000 });
  }

  /** The order id from the current URL. */
  id(): string {
    const match = /#\/green\/orders\/([^/?]+)$/.exec(this.page.url());
    if (!match?.[1] || match[1] === 'new') throw new Error(`not on an order page: ${this.page.url()}`);
    return match[1];
  }

  action(label: string): Locator {
    return this.page.getByRole('main').getByRole('button', { name: new RegExp(`^${label}`) });
  }

  /** "现在：资源确认（网络运维部）" under the number. */
  nowAt(stage: string): Locator {
    return this.page.getByRole('main').getByText(new RegExp(`现在：${stage}`));
  }

  /** The rows of one stage in the track (one per attempt). */
  stageRows(stageKey: string): Locator {
    return this.track.locator(`tr[data-stage="${stageKey}"]`);
  }

  field(label: string): Locator {
    return this.dialog.getByRole('textbox', { name: label, exact: true });
  }

  /** Picks an option of a select inside the action form. */
  async pick(label: string, option: string | RegExp) {
    await this.dialog.getByRole('combobox', { name: label }).click();
    await this.page.getByRole('option', { name: option }).first().click();
  }

  /** Runs a form action: opens it, lets `fill` fill it, submits with Ctrl+Enter and waits for it to close. */
  async run(label: string, fill: () => Promise<void> = async () => undefined) {
    await this.action(label).click();
    await expect(this.dialog).toBeVisible();
    await fill();
    await this.page.keyboard.press('Control+Enter');
    await expect(this.dialog).toBeHidden({ timeout: 30_000 });
  }

  /** 受理 the open stage (no form) and waits until 完成 is offered. */
  async accept() {
    await this.action('受理').click();
    await expect(this.action('完成')).toBeVisible({ timeout: 30_000 });
  }
}
