/**
 * Personal data and the audit log on the company server's staff pages, in Chromium: an
 * administrator sets the LRS (a bad address refused, the secret never shown); HR exports a
 * trainee's records, deletes them (their device is refused afterwards) and reads the audit log.
 * On a real PostgreSQL (SERVICEDOJO_TEST_DATABASE_URL), else on the embedded database.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, type BrowserSession, type Page } from './browser';
import { createAdmin, healthOf, startServer, stopServers, type Running } from './server-process';
import { seriousViolations } from './trainee-actions';

const ADMIN_URL = process.env.SERVICEDOJO_TEST_DATABASE_URL;
const DATABASE = `servicedojo_records_e2e_${Date.now()}`;
const ADMIN_PASSWORD = 'e2e admin password';
const HR_PASSWORD = 'e2e hr password';
const LRS_SECRET = 'e2e-lrs-secret-never-shown';

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

describe('personal data, the audit log and the LRS settings on the staff pages', () => {
  let server: Running | undefined;
  let admin: pg.Client | undefined;
  let dataDir: string | undefined;
  let browser: BrowserSession;
  let deviceToken = '';
  let device: BrowserSession | undefined;

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
      dataDir = mkdtempSync(join(tmpdir(), 'servicedojo-records-e2e-'));
      settings = { DATA_DIR: dataDir };
    }
    createAdmin(settings, 'admin', ADMIN_PASSWORD);
    server = await startServer(settings);
    await healthOf(server);
    browser = await openBrowser();
  }, 120_000);

  afterAll(async () => {
    await device?.close();
    await browser?.close();
    if (server) await stopServers([server]);
    await admin?.query(`drop database if exists ${DATABASE}`);
    await admin?.end();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('should let an administrator save the LRS settings, refusing a bad address and never showing the secret', async () => {
    const { page } = browser;
    await signIn(page, server!.url, 'admin', ADMIN_PASSWORD);
    // HR's account, for the next steps.
    await page.getByRole('link', { name: '员工账号' }).click();
    await page.getByLabel('账号', { exact: true }).fill('hr');
    await page.getByLabel('姓名', { exact: true }).fill('王经理');
    await page.getByLabel('角色', { exact: true }).selectOption({ label: '人事' });
    await page.getByLabel('密码', { exact: true }).fill(HR_PASSWORD);
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await shows(page, '已添加 王经理（hr）。');

    await page.getByRole('link', { name: '学习记录库（LRS）' }).click();
    await shows(page, '还没有设置 LRS：记录不会发送。');
    await page.getByLabel('端点地址').fill('lrs.corp.cn/xapi');
    await page.getByLabel('账号（key）').fill('servicedojo');
    await page.getByLabel('密钥（secret）').fill(LRS_SECRET);
    await page.getByRole('button', { name: '保存设置' }).click();
    await shows(page, /端点地址：请填写以 https:\/\/ 开头的完整网址/);
    // Nothing typed is lost; the server refuses plain http to another machine in its own words.
    await page.getByLabel('端点地址').fill('http://lrs.corp.cn/xapi/');
    await page.getByRole('button', { name: '保存设置' }).click();
    await shows(page, /服务器回答：endpoint: http:\/\/ is allowed only for this machine/);
    expect(await page.getByLabel('密钥（secret）').inputValue()).toBe(LRS_SECRET);
    // A loopback LRS where nothing listens: statements wait in the queue.
    await page.getByLabel('端点地址').fill('http://127.0.0.1:9/xapi/');
    await page.getByRole('button', { name: '保存设置' }).click();
    await shows(page, '设置已保存。');
    await shows(page, '已设置（不显示）。留空则保留原密钥。');
    expect(await page.getByLabel('密钥（secret）').inputValue()).toBe('');
    await page.reload();
    expect(await page.getByLabel('端点地址').inputValue()).toBe('http://127.0.0.1:9/xapi/');
    expect(await page.content()).not.toContain(LRS_SECRET);
    await looksRight(page, 'staff-lrs');
    await page.getByRole('button', { name: '退出登录' }).click();
  });

  it('should let HR export a trainee’s records, then delete them and refuse their device', async () => {
    const { page } = browser;
    await signIn(page, server!.url, 'hr', HR_PASSWORD);
    await page.getByLabel('或粘贴花名册').fill('李明,E201,门店一部\n陈静,E202,门店一部');
    await page.getByRole('button', { name: '导入粘贴的花名册' }).click();
    await shows(page, '已导入 2 人，每人一个新的加入链接（见下表）。');
    const card = page
      .getByRole('listitem')
      .filter({ hasText: '李明' })
      .filter({
        has: page.locator('.join-card-link'),
      });
    const link = (await card.locator('code').textContent())!;
    // 李明's phone joins with the link, in its own browser.
    device = await openBrowser();
    await device.page.goto(`${server!.url}/#/join/${link.split('/#/join/')[1]}`);
    await shows(device.page, /身份：李明（工号 E201，门店一部）/);
    deviceToken = await device.page.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const open = indexedDB.open('servicedojo');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const read = open.result.transaction('serverLink').objectStore('serverLink').get('me');
            read.onsuccess = () => resolve((read.result as { deviceToken: string }).deviceToken);
          };
        }),
    );
    const sent = await fetch(`${server!.url}/api/attempts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${deviceToken}` },
      body: JSON.stringify({
        id: 'records-e2e-li',
        scenarioId: 'complaint-late-delivery',
        mode: 'exam',
        startedAt: Date.UTC(2026, 11, 1, 9),
        replies: [{ text: '真是对不起，让您久等了。', afterMs: 8_000 }],
      }),
    });
    expect(sent.status).toBe(201);
    await page.reload();

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: '导出数据：李明' }).click();
    const exported = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as {
      person: { employeeNo: string };
      devices: unknown[];
      attempts: { id: string; replies: unknown[]; report: { score: number } }[];
    };
    expect(exported.person.employeeNo).toBe('E201');
    expect(exported.devices).toHaveLength(1);
    expect(exported.attempts.map((attempt) => attempt.id)).toEqual(['records-e2e-li']);
    expect(exported.attempts[0]!.report.score).toEqual(expect.any(Number));

    await page.getByRole('button', { name: '删除 李明' }).click();
    await shows(page, '删除 李明（工号 E201）？');
    await looksRight(page, 'staff-delete-confirm');
    await page.getByRole('button', { name: '确认删除 李明' }).click();
    await shows(page, '已删除 李明 及其全部记录。');
    await expect.poll(() => page.getByRole('rowheader', { name: '李明' }).count()).toBe(0);
    await shows(page, '1 名学员，0 人已加入。');
    const me = await fetch(`${server!.url}/api/me`, {
      headers: { authorization: `Bearer ${deviceToken}` },
    });
    expect(me.status).toBe(401);
    // The phone learns it at its next call: it stops syncing and says what to do.
    await device!.page.reload();
    await shows(device!.page, '这台设备已不再加入公司服务器');
    await shows(device!.page, /请向人事索取新的加入链接/);
    await shows(device!.page, '没有等待发送的练习，本机没有丢失任何记录。');
    await looksRight(device!.page, 'device-no-longer-joined');
  });

  it('should show HR the audit log with the deletion, the export and the other actions', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: '审计日志' }).click();
    const table = page.getByRole('table');
    const kinds = async () =>
      (await table.getByRole('rowheader').allTextContents()).map((text) => text.trim());
    await expect
      .poll(kinds)
      .toEqual([
        '删除个人数据',
        '导出个人数据',
        '导入名单',
        'LRS 设置',
        '添加员工账号',
        '添加员工账号',
      ]);
    // The first administrator came from the server command; the deletion names only an id.
    await shows(page, '服务器命令');
    expect(await table.textContent()).not.toContain('E201');
    await looksRight(page, 'staff-audit');
    await page.getByLabel('类型').selectOption({ label: '删除个人数据' });
    await expect.poll(kinds).toEqual(['删除个人数据']);
  });
});
