import { expect, type Locator, type Page } from '@playwright/test';

/** Yellow channel labels (src/renderer/src/features/visits/i18n.ts), zh-CN. */
export const YELLOW_LABELS = {
  title: '黄色通道',
  generate: '按规则生成计划',
  submitPlan: /^(提交计划|重新提交)$/,
  recordTitle: '记录走访',
  saveRecord: /保存走访记录/,
  toOrder: '转为业务工单',
  toTicket: '转为投诉/故障工单',
  linked: '由此走访产生',
} as const;

/** Any page of the channel: its title (h2), the tab row, the main area. */
class YellowPage {
  readonly heading: Locator;
  readonly main: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole('main');
    this.heading = this.main.getByRole('heading', { level: 2, name: YELLOW_LABELS.title, exact: true });
  }

  async open(path: string) {
    await this.page.goto(`/#${path}`);
    // Generous: arrival on a busy shared machine, not speed.
    await expect(this.heading).toBeVisible({ timeout: 30_000 });
  }

  tab(name: string | RegExp): Locator {
    return this.page.getByRole('tab', { name });
  }
}

/** The visit calendar (/yellow): a grid of days, each a drop target holding visit chips. */
export class VisitCalendarPage extends YellowPage {
  readonly grid: Locator;

  constructor(page: Page) {
    super(page);
    this.grid = this.main.getByRole('grid');
  }

  async goto(query = '') {
    await this.open(`/yellow${query ? `?${query}` : ''}`);
    await expect(this.grid).toBeVisible();
  }

  day(date: string): Locator {
    return this.grid.locator(`[role="gridcell"][data-date="${date}"]`);
  }

  /** A visit's chip on the calendar (its id is on the chip). */
  chip(visitId: string): Locator {
    return this.grid.locator(`[data-visit-id="${visitId}"]`);
  }

  /** The day cell holding a visit's chip. */
  dayOf(visitId: string): Locator {
    return this.grid.locator(`[role="gridcell"]:has([data-visit-id="${visitId}"])`);
  }

  plannedChips(): Locator {
    return this.grid.locator('[data-state="planned"][draggable="true"]');
  }

  /** Drags a planned visit onto another day (HTML5 drag and drop). */
  async drag(visitId: string, toDate: string) {
    await this.chip(visitId).dragTo(this.day(toDate));
  }

  /** Whose calendar a leader looks at: 我, 团队 or a manager's name. */
  async whose(name: string) {
    await this.main.getByRole('combobox', { name: '查看谁的日历' }).click();
    await this.page.getByRole('option', { name, exact: true }).click();
  }
}

/** The month's plan (/yellow/plan?month=): generate, the items, the due customers not planned, submit. */
export class PlanPage extends YellowPage {
  readonly items: Locator;
  readonly generate: Locator;
  readonly submit: Locator;

  constructor(page: Page) {
    super(page);
    this.items = this.main.getByRole('table', { name: '计划走访' });
    this.generate = this.main.getByRole('button', { name: YELLOW_LABELS.generate });
    this.submit = this.main.getByRole('button', { name: YELLOW_LABELS.submitPlan });
  }

  async goto(month: string) {
    await this.open(`/yellow/plan?month=${month}`);
  }
}

/** The record form (/yellow/visits/new): customer, kind, date, key people, texts, next step. */
export class VisitFormPage extends YellowPage {
  readonly formHeading: Locator;
  readonly customer: Locator;
  readonly contacts: Locator;
  readonly save: Locator;

  constructor(page: Page) {
    super(page);
    this.formHeading = this.main.getByRole('heading', { name: YELLOW_LABELS.recordTitle, exact: true });
    this.customer = this.main.getByRole('combobox', { name: '客户', exact: true });
    this.contacts = this.main.getByLabel('会见的关键人', { exact: true });
    this.save = this.main.getByRole('button', { name: YELLOW_LABELS.saveRecord });
  }

  field(label: string | RegExp): Locator {
    return this.main.getByLabel(label, { exact: true });
  }

  async pickContact(name: string | RegExp) {
    await this.contacts.click();
    await this.page.getByRole('option', { name }).first().click();
    await this.page.keyboard.press('Escape');
  }
}

/** One visit (/yellow/visits/:id): number, badges, the record, linked orders and tickets. */
export class VisitPage {
  readonly number: Locator;
  readonly linked: Locator;

  constructor(readonly page: Page) {
    this.number = page.getByRole('main').getByRole('heading', { level: 2 });
    this.linked = page.getByRole('main').getByLabel(YELLOW_LABELS.linked);
  }

  async goto(id: string) {
    await this.page.goto(`/#/yellow/visits/${id}`);
    await expect(this.number).toHaveText(/ZF/, { timeout: 30_000 });
  }

  action(name: string | RegExp): Locator {
    return this.page.getByRole('main').getByRole('link', { name }).or(this.page.getByRole('main').getByRole('button', { name }));
  }
}

/** The lists of the channel: visits (/yellow/visits), overdue customers (/yellow/overdue). */
export class VisitListPage extends YellowPage {
  readonly table: Locator;

  constructor(page: Page) {
    super(page);
    this.table = this.main.getByRole('table');
  }

  async goto(path: '/yellow/visits' | '/yellow/overdue' | '/yellow/settings' = '/yellow/visits') {
    await this.open(path);
  }

  row(text: string): Locator {
    return this.table.getByRole('row').filter({ hasText: text });
  }
}
