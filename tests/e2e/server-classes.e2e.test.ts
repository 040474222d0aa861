/**
 * A class kept on the company server, in Chromium: a trainer signed in on one browser creates a
 * class, imports its roster, pairs it and starts round 1; a second, fresh browser (another
 * device, e.g. the classroom PC) is sent to sign in first, then opens the same class with its
 * roster and running round, and its projector, which follows the next round started on the
 * first browser. On a real PostgreSQL when SERVICEDOJO_TEST_DATABASE_URL is set, else on the
 * embedded database in a temporary DATA_DIR.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, type BrowserSession, type Page } from './browser';
import { createAdmin, healthOf, startServer, stopServers, type Running } from './server-process';
import { seriousViolations } from './trainee-actions';

const ADMIN_URL = process.env.SERVICEDOJO_TEST_DATABASE_URL;
const DATABASE = `servicedojo_classes_e2e_${Date.now()}`;
const ADMIN_PASSWORD = 'e2e admin password';
const TRAINER_PASSWORD = 'e2e trainer password';
const ROSTER_CSV =
  '姓名,工号,部门\n李明,E201,客服部\n王芳,E202,客服部\n赵磊,E203,门店\n孙丽,E204,门店\n';

async function shows(page: Page, text: string | RegExp, timeout = 15_000): Promise<void> {
  await expect.poll(() => page.getByText(text).count(), { timeout }).toBeGreaterThan(0);
}

async function signIn(page: Page, url: string, login: string, password: string): Promise<void> {
  await page.goto(`${url}/#/staff`);
  await page.getByLabel('账号', { exact: true }).fill(login);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await shows(page, /已登录：/);
}

/** Screenshots at 1280 px and 390×844, and no serious axe violation in either. */
async function looksRight(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await seriousViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await screenshot(page, `${name}-phone`);
    expect(await seriousViolations(page)).toEqual([]);
  } finally {
    await page.setViewportSize({ width: 1280, height: 860 });
  }
}

/** A trainer account made by the administrator through the API. */
async function addTrainer(url: string): Promise<void> {
  const session = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password: ADMIN_PASSWORD }),
  });
  const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const created = await fetch(`${url}/api/people`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({
      login: 'zhou',
      name: '周老师',
      role: 'trainer',
      password: TRAINER_PASSWORD,
    }),
  });
  expect(created.status).toBe(201);
}

describe('a class on the company server, opened on a second device', () => {
  const servers: Running[] = [];
  let admin: pg.Client | undefined;
  let dataDir: string | undefined;
  let first: BrowserSession;
  let second: BrowserSession;

  beforeAll(async () => {
    let settings: Record<string, string>;
    if (ADMIN_URL) {
      admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`create database ${DATABASE}`);
      const url = new URL(ADMIN_URL);
      url.pathname = `/${DATABASE}`;
      settings = { DATABASE_URL: url.toString() };
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'servicedojo-classes-e2e-'));
      settings = { DATA_DIR: dataDir };
    }
    createAdmin(settings, 'admin', ADMIN_PASSWORD);
    servers.push(await startServer(settings));
    await healthOf(servers[0]!);
    await addTrainer(servers[0]!.url);
    first = await openBrowser();
    second = await openBrowser();
  }, 120_000);

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await stopServers(servers);
    if (admin) {
      await admin.query(`drop database if exists ${DATABASE} with (force)`);
      await admin.end();
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('should open the class, its rounds and its projector on a fresh browser', async () => {
    const url = servers[0]!.url;
    const page = first.page;

    // Device 1: sign in, create the class on the server, roster, pairs, round 1 started.
    await signIn(page, url, 'zhou', TRAINER_PASSWORD);
    await page.goto(`${url}/#/trainer`);
    await shows(page, /已作为 周老师 登录公司服务器/);
    await shows(page, '服务器上还没有课堂。');
    await page.getByLabel('课堂名称').fill('服务器一班');
    await page.getByLabel('培训师', { exact: true }).fill('周老师');
    await page.getByLabel('沙发迟到两周').check();
    expect(await page.getByLabel('保存在公司服务器上（换设备也能打开）').isChecked()).toBe(true);
    await page.getByRole('button', { name: '创建课堂' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('服务器一班');
    expect(page.url()).toMatch(/#\/trainer\/class\/server-\d+$/);
    const classPath = new URL(page.url()).hash;
    await page.getByLabel('导入名单 CSV').setInputFiles({
      name: 'roster.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(ROSTER_CSV, 'utf8'),
    });
    const roster = page.getByRole('region', { name: '学员名单' });
    await expect.poll(() => roster.getByRole('row').count()).toBe(5);
    await page.getByRole('button', { name: '随机分组' }).click();
    await expect
      .poll(() => page.getByRole('region', { name: '分组' }).getByRole('listitem').count())
      .toBe(2);
    const rounds = page.getByRole('region', { name: '轮次' });
    await rounds.getByRole('button', { name: '安排第 1 轮' }).click();
    await rounds.getByRole('button', { name: '开始本轮' }).click();
    await expect.poll(() => rounds.getByRole('button', { name: '结束本轮' }).count()).toBe(1);
    const firstRoles = (await rounds.getByRole('listitem').first().textContent()) ?? '';
    await page.goto(`${url}/#/trainer`);
    await expect.poll(() => page.getByRole('link', { name: /服务器一班/ }).count()).toBe(1);
    await looksRight(page, 'server-classes-home');

    // Device 2, a fresh browser: the projector asks it to sign in first.
    const other = second.page;
    const projectorPath = classPath.replace('#/trainer/class/', '#/trainer/projector/');
    await other.goto(`${url}/${projectorPath}`);
    await shows(other, '这个课堂在公司服务器上：请先在这台设备上登录公司服务器。');
    await signIn(other, url, 'zhou', TRAINER_PASSWORD);

    // The class list, the class with its roster and its running round.
    await other.goto(`${url}/#/trainer`);
    await other.getByRole('link', { name: /服务器一班/ }).click();
    await expect
      .poll(() => other.getByRole('heading', { level: 1 }).textContent())
      .toBe('服务器一班');
    const otherRoster = other.getByRole('region', { name: '学员名单' });
    await expect.poll(() => otherRoster.getByRole('row').count()).toBe(5);
    expect(await otherRoster.getByRole('table').textContent()).toContain('孙丽');
    const otherRounds = other.getByRole('region', { name: '轮次' });
    await expect.poll(() => otherRounds.getByText('第 1 轮').count()).toBe(1);
    await expect
      .poll(() => otherRounds.getByRole('listitem').first().textContent())
      .toBe(firstRoles);
    await expect
      .poll(() => otherRounds.getByRole('timer').textContent())
      .toMatch(/^(30:00|29:\d\d)$/);
    await looksRight(other, 'server-classes-console-second-device');

    // Its projector, which follows round 2 started on the first device.
    await other.goto(`${url}/${projectorPath}`);
    await expect
      .poll(() => other.getByRole('heading', { level: 1 }).textContent())
      .toBe('服务器一班');
    await expect.poll(() => other.getByText('第 1 轮').count()).toBe(1);
    await expect.poll(() => other.locator('.group-card').count()).toBe(2);
    await page.goto(`${url}/${classPath}`);
    await page
      .getByRole('region', { name: '轮次' })
      .getByRole('button', { name: '下一轮（互换角色）' })
      .click();
    await expect.poll(() => other.getByText('第 2 轮').count(), { timeout: 15_000 }).toBe(1);
    await looksRight(other, 'server-classes-projector-second-device');

    // An observer's scorecard saved on the first device is scored by the server, and the class
    // summary the first device puts on the projector reads it there on the second device.
    const card = page.getByRole('region', { name: '观察员评分卡' });
    await card.getByLabel('让顾客发泄').check();
    await card.getByLabel('充分道歉并表示关心').check();
    await card.getByRole('button', { name: /^你弄错（/ }).click();
    await card.getByRole('button', { name: '保存第 2 轮评分卡' }).click();
    await expect.poll(() => card.getByRole('status').textContent()).toMatch(/^已保存第 2 轮：/);
    await page.getByRole('button', { name: '在投影上显示小结' }).click();
    const summary = other.getByRole('region', { name: '课堂小结' });
    await expect.poll(() => summary.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => summary.textContent(), { timeout: 15_000 }).toContain('1 条成绩');
    await expect.poll(() => summary.textContent()).toContain('“你弄错” · 1 次');
    await looksRight(other, 'server-classes-projector-summary-second-device');
  }, 180_000);
});
