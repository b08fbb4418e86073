import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './servers';
import { signIn } from './helpers';

/**
 * Branch PCs are often 1366×768 (the suite's viewport): every main list fits without scrolling sideways,
 * and no status badge is cut or spills out of its cell, in Chinese and in the longer English labels.
 */
const LIST_PAGES = [
  '/customers',
  '/customers/pool',
  '/customers/warnings',
  '/customers/evaluation',
  '/customers/import',
  '/red?view=all',
  '/reports',
  '/admin/users',
  '/admin/audit',
];

interface Fit {
  page: string;
  tables: string[];
  badges: string[];
}

/** The few DOM members measureFit reads (the test is compiled without the DOM library). */
interface El {
  scrollWidth: number;
  clientWidth: number;
  offsetParent: unknown;
  textContent: string | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): Iterable<El> & { forEach(fn: (el: El) => void): void };
  closest(selector: string): El | null;
  getBoundingClientRect(): { left: number; right: number };
}

/** What does not fit on the current page: tables wider than their box, badges cut or out of their cell. */
function measureFit(): Omit<Fit, 'page'> {
  const tables: string[] = [];
  const badges: string[] = [];
  const document = (globalThis as unknown as { document: El & { documentElement: El } }).document;
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 1) tables.push(`page ${doc.scrollWidth}px > ${doc.clientWidth}px`);
  document.querySelectorAll('.mantine-datatable .mantine-ScrollArea-viewport').forEach((box) => {
    if (box.scrollWidth > box.clientWidth + 1) {
      const heads = [...box.querySelectorAll('thead th')].map((th) => th.textContent?.trim()).filter(Boolean);
      tables.push(`[${heads.slice(0, 3).join(' | ')} …] ${box.scrollWidth}px > ${box.clientWidth}px`);
    }
  });
  document.querySelectorAll('.mantine-Badge-root').forEach((badge) => {
    if (!badge.offsetParent) return;
    const label = badge.querySelector('.mantine-Badge-label') ?? badge;
    const cell = badge.closest('td, th')?.getBoundingClientRect();
    const box = badge.getBoundingClientRect();
    const cut = label.scrollWidth > label.clientWidth + 1;
    const spills = !!cell && (box.right > cell.right + 1 || box.left < cell.left - 1);
    if (cut || spills) badges.push(badge.textContent?.trim() ?? '');
  });
  return { tables, badges: [...new Set(badges)] };
}

async function fitOf(page: Page, path: string): Promise<Fit> {
  await page.goto(`/#${path}`);
  // A module's first load on a busy 2-core machine can be slow; this waits for arrival, it does not time it.
  await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toBeVisible({ timeout: 30_000 });
  // Measure the loaded list, not the loading state.
  const table = page.locator('.mantine-datatable').first();
  if (await table.count()) {
    await expect(table.locator('tbody tr:not(.mantine-datatable-empty-row), .mantine-datatable-empty-state[data-active]').first()).toBeVisible();
    await expect(page.locator('.mantine-datatable-loader-fetching')).toHaveCount(0);
  } else {
    await expect(page.locator('.mantine-Loader-root')).toHaveCount(0);
  }
  return { page: path, ...(await page.evaluate(measureFit)) };
}

test('the main lists fit a 1366×768 screen in zh-CN and English, badges whole', async ({ page }) => {
  expect(page.viewportSize()).toEqual({ width: 1366, height: 768 });
  const shell = await signIn(page, 'gaojianguo', DEMO_PASSWORD);
  const misfits: Fit[] = [];
  for (const language of ['中文', 'English'] as const) {
    if (language === 'English') await shell.switchLanguage('English');
    for (const path of LIST_PAGES) {
      const fit = await fitOf(page, path);
      if (fit.tables.length || fit.badges.length) misfits.push({ ...fit, page: `${language} ${path}` });
    }
  }
  expect(misfits).toEqual([]);
});

test('a user picks the columns of a list, and the choice is remembered', async ({ page }) => {
  await signIn(page, 'gaojianguo', DEMO_PASSWORD);
  await page.goto('/#/red?view=all');
  const opened = page.getByRole('columnheader', { name: '受理时间' });
  // At 1366 px the opening time gives way to the problem text; the picker brings it back.
  await expect(page.getByRole('columnheader', { name: '问题' })).toBeVisible({ timeout: 30_000 });
  await expect(opened).toHaveCount(0);
  await page.getByRole('button', { name: '显示列' }).click();
  await page.getByRole('checkbox', { name: '受理时间' }).check();
  await expect(opened).toBeVisible();
  await page.reload();
  await expect(opened).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: '显示列' }).click();
  await page.getByRole('button', { name: '恢复默认列' }).click();
  await expect(opened).toHaveCount(0);
});
