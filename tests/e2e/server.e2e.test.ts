/**
 * The server on a real PostgreSQL (started by .ci/run; SERVICEDOJO_TEST_DATABASE_URL names it):
 * two server processes on one fresh database, an administrator made by npm run server:admin
 * whose sign-in holds in both, a roster with join links, 20 joined devices submitting attempts
 * to both (re-scored, a forged score refused), a trainee refused a colleague's record, a trainer
 * publishing a company rule the trainee's next attempt is scored with (on the device and the
 * server), the app.
 */
import { readdirSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCompanyRule,
  COMPANY_RULE_DEFAULTS,
  EMPTY_COMPANY_PACK,
} from '../../src/features/authoring/company-pack';
import { openBrowser, screenshot, type BrowserSession } from './browser';
import { createAdmin, healthOf, startServer, stopServers, type Running } from './server-process';
import {
  onReport,
  seriousViolations,
  strongReplies,
  typeReply,
  waitForServiceWorker,
} from './trainee-actions';

const ADMIN_URL = process.env.SERVICEDOJO_TEST_DATABASE_URL;
const DATABASE = `servicedojo_e2e_${Date.now()}`;

const attempt = (i: number) => ({
  id: `e2e-attempt-${i}`,
  scenarioId: 'complaint-late-delivery',
  mode: 'exam',
  startedAt: Date.UTC(2026, 11, 1, 9, i),
  replies: [
    { text: '真是对不起，让您等了两个星期，换成我也会着急。', afterMs: 9_000 },
    { text: '您方便说说当时销售是怎么跟您约的送货时间吗？', afterMs: 14_000 },
    { text: '我马上给您加急，明天上午送到，运费全免，送到前我先给您打电话。', afterMs: 16_000 },
  ],
  claimedScore: 100,
});

const PASSWORD = 'e2e admin password';

/** A JSON call to a server, as a signed-in person (cookie and CSRF token) or a device. */
async function api(
  server: Running,
  method: string,
  path: string,
  as: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; json: () => Promise<Record<string, unknown>>; headers: Headers }> {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...as },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe.skipIf(!ADMIN_URL)('server on PostgreSQL (two processes, one database)', () => {
  let admin: pg.Client;
  let databaseUrl: string;
  const servers: Running[] = [];
  let session: BrowserSession;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${DATABASE}`);
    const url = new URL(ADMIN_URL!);
    url.pathname = `/${DATABASE}`;
    databaseUrl = url.toString();
    // Both start together: the migration lock makes one migrate and the other wait.
    const settings = { DATABASE_URL: databaseUrl };
    servers.push(await startServer(settings), await startServer(settings));
    createAdmin(settings, 'admin', PASSWORD);
    session = await openBrowser();
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    await stopServers(servers);
    await admin?.query(`drop database if exists ${DATABASE}`);
    await admin?.end();
  });

  it('should answer health from both processes on PostgreSQL', async () => {
    for (const server of servers)
      expect(await healthOf(server)).toEqual({ ok: true, database: 'postgres' });
  });

  const devices: Record<string, string>[] = [];
  let hr: Record<string, string>;

  it('should share a sign-in between the processes and bind 20 devices through join links', async () => {
    for (const server of servers) await healthOf(server);
    const signIn = await api(
      servers[0]!,
      'POST',
      '/api/session',
      {},
      {
        login: 'admin',
        password: PASSWORD,
      },
    );
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    hr = { cookie, 'x-csrf-token': csrfToken };
    // The session made by process 0 signs the roster import into process 1.
    const csv = Array.from(
      { length: 20 },
      (_, i) => `学员${i},E${String(i).padStart(3, '0')},门店${i % 3}`,
    ).join('\n');
    const roster = await api(
      servers[1]!,
      'POST',
      '/api/roster',
      { cookie, 'x-csrf-token': csrfToken },
      { csv },
    );
    expect(roster.status).toBe(201);
    const people = (await roster.json()).people as { joinUrl: string }[];
    for (const [i, person] of people.entries()) {
      const token = person.joinUrl.split('/#/join/')[1];
      const joined = await api(servers[i % 2]!, 'POST', '/api/join', {}, { token });
      expect(joined.status).toBe(201);
      const { deviceToken } = (await joined.json()) as { deviceToken: string };
      devices.push({ authorization: `Bearer ${deviceToken}` });
    }
  });

  it('should keep every attempt sent to either process exactly once, with its own score', async () => {
    const sends = devices.map((device, i) =>
      api(servers[i % 2]!, 'POST', '/api/attempts', device, attempt(i)),
    );
    const answers = await Promise.all(sends);
    expect(answers.map((response) => response.status)).toEqual(Array(20).fill(201));
    // The device claimed 100; the server kept its own score and said why they differ.
    const first = await answers[0]!.json();
    expect(first.score).not.toBe(100);
    expect(first.difference).toEqual({ reason: 'rescored', claimedScore: 100 });
    // The same attempt again, to the other process: taken as a duplicate, not a second row.
    const again = await api(servers[1]!, 'POST', '/api/attempts', devices[0]!, attempt(0));
    expect(again.status).toBe(200);
    const check = new pg.Client({ connectionString: databaseUrl });
    await check.connect();
    const rows = await check.query('select count(*)::int as n, min(score) as low from attempts');
    const migrations = await check.query('select count(*)::int as n from schema_migrations');
    await check.end();
    expect(rows.rows[0]).toMatchObject({ n: 20, low: first.score });
    expect(migrations.rows[0]).toEqual({
      n: readdirSync('src/server/migrations').filter((name) => name.endsWith('.sql')).length,
    });
  });

  it('should not let a trainee read a colleague’s record', async () => {
    const own = await api(servers[0]!, 'GET', '/api/attempts/e2e-attempt-1', devices[1]!);
    expect(own.status).toBe(200);
    const colleague = await api(servers[1]!, 'GET', '/api/attempts/e2e-attempt-0', devices[1]!);
    expect(colleague.status).toBe(404);
    const list = await api(servers[0]!, 'GET', '/api/attempts', devices[1]!);
    expect(((await list.json()).attempts as { id: string }[]).map((one) => one.id)).toEqual([
      'e2e-attempt-1',
    ]);
  });

  it('should let a trainee join from the link, practise offline and sync when back online', async () => {
    const roster = await api(servers[1]!, 'POST', '/api/roster', hr, { csv: '陈静,E100,门店一部' });
    const { joinUrl } = ((await roster.json()).people as { joinUrl: string }[])[0]!;
    const { page, browser } = session;
    // The link names the process that made it; the device may open it on any of them.
    await page.goto(joinUrl.replace(/^http:\/\/[^/]+/, servers[0]!.url));
    await expect
      .poll(() => page.getByText(/身份：陈静（工号 E100，门店一部）/).count(), { timeout: 20_000 })
      .toBe(1)
      .catch(async (error: unknown) => {
        await screenshot(page, 'server-join-failed');
        throw error;
      });
    expect(new URL(page.url()).hash).toBe('#/server');
    await screenshot(page, 'server-joined');
    await page.goto(`${servers[0]!.url}/#/practice/complaint-late-delivery?mode=coach`);
    const replies = strongReplies('complaint-late-delivery');
    await typeReply(page, replies[0]!).catch(async (error: unknown) => {
      // What the page showed instead of the reply box, for the CI log.
      await screenshot(page, 'server-practice-failed');
      console.error(
        page.url(),
        await page
          .locator('main')
          .innerText()
          .catch(() => ''),
      );
      throw error;
    });
    // Offline works once the app is installed: its service worker holds every page's code.
    await waitForServiceWorker(page);
    await browser.setOffline(true);
    try {
      for (const reply of replies.slice(1)) {
        if (onReport(page)) break;
        await typeReply(page, reply);
      }
      await expect.poll(() => onReport(page)).toBe(true);
      // Offline, so within the open app (a full load would depend on the service worker being ready).
      await page.evaluate(() => (location.hash = '#/server'));
      await expect
        .poll(() => page.getByText(/1 条练习等待发送/).count(), { timeout: 10_000 })
        .toBe(1)
        .catch(async (error: unknown) => {
          await screenshot(page, 'server-sync-failed');
          throw error;
        });
    } finally {
      await browser.setOffline(false);
    }
    const check = new pg.Client({ connectionString: databaseUrl });
    await check.connect();
    try {
      await expect
        .poll(
          async () =>
            (
              await check.query(
                "select count(*)::int as n from attempts where employee_no = 'E100'",
              )
            ).rows[0],
          { timeout: 30_000 },
        )
        .toEqual({ n: 1 });
    } finally {
      await check.end();
    }
    await page.reload();
    await expect
      .poll(() => page.getByText('所有练习都已发送。').count(), { timeout: 10_000 })
      .toBe(1);
    await screenshot(page, 'server-synced');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('should score the trainee’s next attempt with a company rule a trainer published', async () => {
    const trainerLogin = { login: 'trainer', password: 'e2e trainer password' };
    const created = await api(servers[0]!, 'POST', '/api/people', hr, {
      ...trainerLogin,
      name: '培训师',
      role: 'trainer',
    });
    expect(created.status).toBe(201);
    const signIn = await api(servers[1]!, 'POST', '/api/session', {}, trainerLogin);
    const trainer = {
      cookie: signIn.headers.get('set-cookie')!.split(';')[0]!,
      'x-csrf-token': ((await signIn.json()) as { csrfToken: string }).csrfToken,
    };
    const message = '不要拿公司规定搪塞客户';
    const pack = addCompanyRule(EMPTY_COMPANY_PACK, {
      kind: 'forbidden',
      phrase: '这是公司规定',
      message,
      messageEn: 'Do not hide behind company policy',
      better: '我来看看能为您做些什么',
      betterEn: 'Let me see what I can do for you',
      example: '这是公司规定，我也没办法。',
      ...COMPANY_RULE_DEFAULTS.forbidden,
    });
    const publish = (text: string) =>
      fetch(`${servers[1]!.url}/api/catalog/rule-packs`, {
        method: 'POST',
        headers: { ...trainer, 'content-type': 'text/yaml' },
        body: text,
      });
    // A broken pack is refused with its line; the good one becomes version 1.
    const broken = await publish(pack.replace('weight: 8', 'weight: 80'));
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: string }).error).toMatch(
      /rule-pack\.yaml:\d+ rules\[0\]\.weight/,
    );
    const published = await publish(pack);
    expect(published.status).toBe(201);
    expect(await published.json()).toMatchObject({ id: 'company', version: 1 });

    // The device pulls it from the other process when it opens its server page.
    const { page } = session;
    await page.goto(`${servers[0]!.url}/#/server`);
    await page.reload();
    await expect
      .poll(() => page.getByText(/公司发布的规则包（company v1）/).count(), { timeout: 20_000 })
      .toBe(1)
      .catch(async (error: unknown) => {
        await screenshot(page, 'server-pull-failed');
        throw error;
      });
    await screenshot(page, 'server-published-kept');
    const wide = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'server-published-kept-390');
    if (wide) await page.setViewportSize(wide);
    await page.goto(`${servers[0]!.url}/#/practice/complaint-late-delivery?mode=coach`);
    const replies = strongReplies('complaint-late-delivery');
    await typeReply(page, `${replies[0]!}这是公司规定。`);
    // The brush-off costs the customer's patience: she may need the follow-up once more.
    const followUp = replies[replies.length - 1]!;
    for (const reply of [...replies.slice(1), `您放心，${followUp}`, `我保证，${followUp}`]) {
      if (onReport(page)) break;
      await typeReply(page, reply);
    }
    await expect
      .poll(() => onReport(page))
      .toBe(true)
      .catch(async (error: unknown) => {
        await screenshot(page, 'server-company-rule-practice-failed');
        throw error;
      });
    await expect.poll(() => page.getByText(message, { exact: true }).count()).toBeGreaterThan(0);
    await screenshot(page, 'server-company-rule-report');

    const check = new pg.Client({ connectionString: databaseUrl });
    await check.connect();
    try {
      const newest = async () =>
        (
          await check.query<{ rule_packs: unknown; rule_ids: string[] }>(
            `select rule_packs, array(select f->>'ruleId' from json_array_elements(report->'findings') f)
               as rule_ids
             from attempts where employee_no = 'E100' order by started_at desc limit 1`,
          )
        ).rows[0];
      await expect
        .poll(async () => (await newest())?.rule_packs, { timeout: 30_000 })
        .toEqual({ company: 1 });
      expect((await newest())!.rule_ids).toContain('company.forbidden-1');
    } finally {
      await check.end();
    }
  });

  it('should serve the app itself', async () => {
    const { page } = session;
    await page.goto(servers[0]!.url);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('今天想练哪一段对话？');
    await screenshot(page, 'server-first-page');
  });
});
