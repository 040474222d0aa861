/**
 * HR on the company server's staff pages (#/staff), in Chromium: the first-run hint, signing in,
 * a staff account, a roster with join links and QR codes, a trainee device joining and
 * practising, the matrix with a not-started person and its CSV, an assignment with passed,
 * not-started and overdue people and its XLSX. On a real PostgreSQL
 * (SERVICEDOJO_TEST_DATABASE_URL) with two server processes on one database: the sign-in made on
 * one holds on the other and both take attempts, none lost or duplicated; else one server on
 * the embedded database in a temporary DATA_DIR.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, type BrowserSession, type Page } from './browser';
import { createAdmin, healthOf, startServer, stopServers, type Running } from './server-process';
import { practiseToReport, seriousViolations } from './trainee-actions';

const ADMIN_URL = process.env.SERVICEDOJO_TEST_DATABASE_URL;
const DATABASE = `servicedojo_staff_e2e_${Date.now()}`;
const ADMIN_PASSWORD = 'e2e admin password';
const HR_PASSWORD = 'e2e hr password';

/** The local calendar day `days` from today, YYYY-MM-DD (as a date field takes it). */
function localDay(days: number): string {
  const day = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

/** Waits until the page shows the text (a string matches exactly once). */
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

/** Screenshots of the page at 1280 px and at 390×844, and no serious axe violation in either. */
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

describe('HR on the server’s staff pages', () => {
  const servers: Running[] = [];
  let settings: Record<string, string>;
  let admin: pg.Client | undefined;
  let dataDir: string | undefined;
  let hr: BrowserSession;
  let trainee: BrowserSession;
  const joinLinks = new Map<string, string>();

  beforeAll(async () => {
    if (ADMIN_URL) {
      admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`create database ${DATABASE}`);
      const url = new URL(ADMIN_URL);
      url.pathname = `/${DATABASE}`;
      settings = { DATABASE_URL: url.toString() };
      servers.push(await startServer(settings), await startServer(settings));
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'servicedojo-staff-e2e-'));
      settings = { DATA_DIR: dataDir };
      servers.push(await startServer(settings));
    }
    for (const server of servers) await healthOf(server);
    hr = await openBrowser();
    trainee = await openBrowser();
  }, 120_000);

  afterAll(async () => {
    await hr?.close();
    await trainee?.close();
    await stopServers(servers);
    await admin?.query(`drop database if exists ${DATABASE}`);
    await admin?.end();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('should show how to create the first administrator, then let them sign in and add HR', async () => {
    const { page } = hr;
    const [first] = servers;
    await page.goto(`${first!.url}/#/staff`);
    await shows(page, 'npm run server:admin -- --login LOGIN --name NAME');
    await looksRight(page, 'staff-first-run');
    // The embedded database is opened by one process at a time: the command runs in between.
    if (dataDir) {
      await stopServers(servers);
      createAdmin(settings, 'admin', ADMIN_PASSWORD);
      servers.splice(0, 1, await startServer(settings));
      await healthOf(servers[0]!);
    } else createAdmin(settings, 'admin', ADMIN_PASSWORD);
    await signIn(page, servers[0]!.url, 'admin', ADMIN_PASSWORD);
    expect(await page.getByRole('note').count()).toBe(0);
    await page.getByRole('link', { name: '员工账号' }).click();
    await page.getByLabel('账号', { exact: true }).fill('hr');
    await page.getByLabel('姓名', { exact: true }).fill('王经理');
    await page.getByLabel('角色', { exact: true }).selectOption({ label: '人事' });
    await page.getByLabel('密码', { exact: true }).fill(HR_PASSWORD);
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await shows(page, '已添加 王经理（hr）。');
    await looksRight(page, 'staff-accounts');
    await page.getByRole('button', { name: '退出登录' }).click();
    await shows(
      page,
      '管理员、人事和培训师用账号和密码登录；学员不需要登录，用加入链接绑定自己的设备。',
    );
  });

  it('should let HR import a roster and hand out one-time join links with QR codes', async () => {
    const { page } = hr;
    await signIn(page, servers[0]!.url, 'hr', HR_PASSWORD);
    await shows(page, '已登录：王经理（人事）');
    await page
      .getByLabel('或粘贴花名册')
      .fill('姓名,工号,部门\n陈静,E100,门店一部\n李明,E101,门店一部\n王芳,E102,门店二部\n坏行');
    await page.getByRole('button', { name: '导入粘贴的花名册' }).click();
    await shows(page, '已导入 3 人，每人一个新的加入链接（见下表）。');
    await shows(page, /第 5 行：/);
    const cards = page.getByRole('listitem').filter({ has: page.locator('.join-card-link') });
    await expect.poll(() => cards.count()).toBe(3);
    for (const name of ['陈静', '李明', '王芳']) {
      const card = cards.filter({ hasText: name });
      joinLinks.set(name, (await card.locator('code').textContent())!);
      await expect
        .poll(() => card.getByRole('img', { name: `${name} 的加入二维码` }).count())
        .toBe(1);
    }
    expect(joinLinks.get('陈静')).toMatch(/\/#\/join\/[A-Za-z0-9_-]{20,}$/);
    await shows(page, '3 名学员，0 人已加入。');
    await looksRight(page, 'staff-people');
  });

  it('should let a trainee device join with its link and practise, and HR see it joined', async () => {
    const { page } = trainee;
    // The device opens its link on the other process where there are two.
    const server = servers.at(-1)!;
    await page.goto(joinLinks.get('陈静')!.replace(/^http:\/\/[^/]+/, server.url));
    await shows(page, /身份：陈静（工号 E100，门店一部）/, 20_000);
    await page.goto(`${server.url}/#/practice/complaint-late-delivery?mode=exam`);
    await practiseToReport(page, 'complaint-late-delivery');
    await page.goto(`${server.url}/#/server`);
    // The device sends it in the background: HR's matrix (the server's data) shows it arrive.
    await expect
      .poll(
        () =>
          hr.page.evaluate(async () => {
            const matrix = (await (await fetch('/api/matrix')).json()) as {
              people: { employeeNo: string; cells: Record<string, unknown> }[];
            };
            const chen = matrix.people.find((person) => person.employeeNo === 'E100');
            return Object.keys(chen?.cells ?? {});
          }),
        { timeout: 40_000, interval: 1_000 },
      )
      .toEqual(['complaint-late-delivery']);
    await page.reload();
    await shows(page, '所有练习都已发送。');
    await hr.page.reload();
    await shows(hr.page, '3 名学员，1 人已加入。');
  });

  it('should show HR the matrix with the not-started people and export it as CSV', async () => {
    const { page } = hr;
    await page.getByRole('link', { name: '完成情况' }).click();
    await shows(page, '在册人数：3');
    const row = (name: string) => page.getByRole('row').filter({ hasText: name });
    await expect
      .poll(() =>
        row('陈静')
          .getByText(/^\d+( ✓)?$/)
          .count(),
      )
      .toBe(1);
    await expect.poll(() => row('李明').getByText('未开始').count()).toBeGreaterThan(0);
    await expect.poll(() => row('王芳').getByText('未开始').count()).toBeGreaterThan(0);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: '导出 CSV（Excel）' }).click();
    const file = await (await download).path();
    const csv = readFileSync(file, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^姓名,工号,部门,/);
    expect(lines.find((line) => line.startsWith('陈静,E100,门店一部,'))).toMatch(/,\d+( ✓)?,/);
    expect(lines.find((line) => line.startsWith('李明,E101,'))).toBeDefined();
    await looksRight(page, 'staff-matrix');
  });

  it('should let HR assign a scenario, see passed, not-started and overdue people, and download the XLSX', async () => {
    const { page } = hr;
    await page.getByRole('link', { name: '培训任务' }).click();
    await shows(page, '还没有培训任务。');
    // Due in a week for 门店一部 (陈静 passed her exam, 李明 never started); due yesterday for 门店二部.
    const assign = async (department: string, days: number) => {
      const due = localDay(days);
      await page.getByLabel('场景', { exact: true }).selectOption('complaint-late-delivery');
      await page.getByLabel('截止日期（当天结束前）').fill(due);
      await page.getByRole('group', { name: '部门', exact: true }).getByLabel(department).check();
      await page.getByRole('button', { name: '布置', exact: true }).click();
      await shows(page, new RegExp(`已布置：.*截止 ${due}。`));
      return due;
    };
    const soon = await assign('门店一部', 7);
    const past = await assign('门店二部', -1);
    const status = page.getByRole('region', { name: /^完成情况：/ });
    const stateOf = (name: string) =>
      status.getByRole('row').filter({ hasText: name }).locator('td').first();
    const open = async (due: string) => {
      await page
        .getByRole('row')
        .filter({ hasText: due })
        .getByRole('button', { name: '查看完成情况' })
        .click();
      await shows(page, new RegExp(`^完成情况：.*（截止 ${due}）$`));
    };
    await open(soon);
    await expect.poll(() => stateOf('陈静').textContent()).toBe('已通过');
    await expect.poll(() => stateOf('李明').textContent()).toBe('未开始');
    await shows(page, /共 2 人：已通过 1，进行中 0，未开始 1，已逾期 0；完成率 50%/);
    await open(past);
    await expect.poll(() => stateOf('王芳').textContent()).toBe('已逾期');
    await looksRight(page, 'staff-assignments');
    const download = page.waitForEvent('download');
    await status.getByRole('link', { name: '下载 Excel（XLSX）' }).click();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await (await download).path());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      ...['姓名', '工号', '部门', '门店', '岗位', '状态', '最高分', '次数', '通过时间'],
    ]);
    expect(sheet.getRow(2).getCell(1).value).toBe('王芳');
    expect(sheet.getRow(2).getCell(6).value).toBe('已逾期');
  });

  it.skipIf(!ADMIN_URL)(
    'should keep HR signed in on the other process and take attempts on both, each once',
    async () => {
      const { page } = hr;
      // The cookie set by process 0 is sent to process 1 (same host): no second sign-in.
      await page.goto(`${servers[1]!.url}/#/staff/people`);
      await shows(page, '已登录：王经理（人事）');
      await page.getByRole('button', { name: '生成加入链接：王芳' }).click();
      const card = page.getByRole('listitem').filter({ hasText: '王芳' });
      const link = (await card.locator('code').textContent())!;
      expect(link).toContain(servers[1]!.url);
      const token = link.split('/#/join/')[1];
      const joined = await fetch(`${servers[0]!.url}/api/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      expect(joined.status).toBe(201);
      const { deviceToken } = (await joined.json()) as { deviceToken: string };
      const attempt = {
        id: 'staff-e2e-wang',
        scenarioId: 'complaint-late-delivery',
        mode: 'exam',
        startedAt: Date.UTC(2026, 11, 1, 9),
        replies: [{ text: '真是对不起，让您久等了。', afterMs: 8_000 }],
      };
      const send = (server: Running) =>
        fetch(`${server.url}/api/attempts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${deviceToken}` },
          body: JSON.stringify(attempt),
        });
      // Sent to both processes at once, and once more: stored once.
      const statuses = (await Promise.all([send(servers[0]!), send(servers[1]!)])).map(
        (response) => response.status,
      );
      expect(statuses.sort()).toEqual([200, 201]);
      expect((await send(servers[1]!)).status).toBe(200);
      const check = new pg.Client({ connectionString: settings.DATABASE_URL });
      await check.connect();
      try {
        const rows = await check.query(
          'select employee_no, count(*)::int as n from attempts group by employee_no order by 1',
        );
        expect(rows.rows).toEqual([
          { employee_no: 'E100', n: 1 },
          { employee_no: 'E102', n: 1 },
        ]);
      } finally {
        await check.end();
      }
      await page.getByRole('link', { name: '完成情况' }).click();
      await expect
        .poll(() => page.getByRole('row').filter({ hasText: '王芳' }).getByText('未开始').count())
        .toBe(0);
      await expect
        .poll(() => page.getByRole('row').filter({ hasText: '李明' }).getByText('未开始').count())
        .toBeGreaterThan(0);
    },
  );
});
