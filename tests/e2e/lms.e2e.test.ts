/**
 * HR end to end: the built SCORM packages run inside an LMS (a harness page with scorm-again),
 * a learner finishes a scenario, and the LMS holds the score and status; then the app reports
 * to a learning record store that goes down and comes back, and every statement arrives once.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, type BrowserSession } from './browser';
import { startLmsHarness, type LmsHarness } from './lms-harness/lms-server';
import type { Frame, Page } from 'playwright-core';

const SCENARIO = 'complaint-late-delivery';
const replies = (
  JSON.parse(readFileSync(`tests/fixtures/transcripts/${SCENARIO}.strong.json`, 'utf8')) as {
    replies: { text: string }[];
  }
).replies.map((reply) => reply.text);

let packages: string;

beforeAll(() => {
  // Package the build under test exactly as `npm run build:scorm` does.
  packages = mkdtempSync(join(tmpdir(), 'servicedojo-scorm-'));
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/build-scorm.ts', process.env.SCORM_SOURCE ?? 'dist', packages],
    { stdio: 'pipe' },
  );
});

afterAll(() => {
  rmSync(packages, { recursive: true, force: true });
});

async function hash(frame: Frame): Promise<string> {
  return frame.evaluate(() => window.location.hash);
}

/** Plays the scenario's strong transcript in coach mode until the report opens. */
async function finishScenario(frame: Frame): Promise<void> {
  await frame.evaluate((id) => {
    window.location.hash = `#/practice/${id}?mode=coach`;
  }, SCENARIO);
  const box = frame.getByLabel('你的回复');
  for (const text of replies) {
    if ((await hash(frame)).startsWith('#/report/')) break;
    await box.waitFor({ timeout: 20_000 });
    await box.fill(text);
    await frame.getByRole('button', { name: '发送' }).click();
    await expect
      .poll(
        async () =>
          (await hash(frame)).startsWith('#/report/') ||
          ((await box.isVisible()) && (await box.inputValue()) === ''),
        {
          timeout: 20_000,
        },
      )
      .toBe(true);
  }
  await expect.poll(() => hash(frame), { timeout: 20_000 }).toMatch(/^#\/report\//);
}

/** The trainee profile the app holds (read straight from IndexedDB), or undefined. */
function profileName(frame: Frame): Promise<string | undefined> {
  return frame.evaluate(
    () =>
      new Promise<string | undefined>((done) => {
        const open = indexedDB.open('servicedojo');
        open.onerror = () => done(undefined);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('profile')) return done(undefined);
          const request = db.transaction('profile').objectStore('profile').get('me');
          request.onsuccess = () => done((request.result as { name?: string } | undefined)?.name);
          request.onerror = () => done(undefined);
        };
      }),
  );
}

function scoFrame(page: Page): Frame {
  const frame = page.frames().find((f) => f.url().includes('/sco/'));
  if (!frame) throw new Error('The SCO frame did not load');
  return frame;
}

describe.each([
  { scorm: '2004', zip: 'servicedojo-scorm2004.zip' },
  { scorm: '1.2', zip: 'servicedojo-scorm12.zip' },
])('SCORM $scorm package in an LMS', ({ scorm, zip }) => {
  let session: BrowserSession;
  let harness: LmsHarness;
  beforeAll(async () => {
    harness = await startLmsHarness(join(packages, zip));
    session = await openBrowser();
  });
  afterAll(async () => {
    await session?.close();
    await harness?.close();
  });

  it('should report the learner’s score, status and replies to the LMS', async () => {
    const { page } = session;
    expect(harness.packageFiles).toContain('imsmanifest.xml');
    await page.goto(`${harness.url}?scorm=${scorm}`);
    const lms = (element: string) =>
      page.evaluate(
        (name) => (window as unknown as { lms: { get: (e: string) => string } }).lms.get(name),
        element,
      );
    const status = scorm === '2004' ? 'cmi.completion_status' : 'cmi.core.lesson_status';
    await expect.poll(() => lms(status), { timeout: 20_000 }).toBe('incomplete');

    // The LMS learner becomes the trainee: no profile form inside an LMS.
    const frame = scoFrame(page);
    await expect
      .poll(() => profileName(frame), { timeout: 20_000 })
      .toBe(scorm === '2004' ? '陈静' : 'Jing Chen');
    await finishScenario(frame);
    const raw = scorm === '2004' ? 'cmi.score.raw' : 'cmi.core.score.raw';
    await expect.poll(() => lms(raw), { timeout: 10_000 }).toMatch(/^\d+$/);
    await screenshot(page, `lms-scorm${scorm.replace('.', '')}-finished`);
    if (scorm === '2004') {
      expect(await lms('cmi.completion_status')).toBe('completed');
      expect(await lms('cmi.success_status')).toBe('passed');
      expect(Number(await lms('cmi.score.scaled'))).toBeCloseTo(Number(await lms(raw)) / 100);
      expect(await lms('cmi.interactions.0.type')).toBe('long-fill-in');
      expect(await lms('cmi.interactions.0.learner_response')).toBe(replies[0]);
    } else {
      expect(await lms('cmi.core.lesson_status')).toBe('passed');
      // SCORM 1.2 interactions are write-only to the SCO: read what the LMS would store.
      const cmi = (await page.evaluate(() =>
        (window as unknown as { lms: { cmi: () => unknown } }).lms.cmi(),
      )) as { cmi: { interactions: Record<string, { type: string; student_response: string }> } };
      const first = Object.values(cmi.cmi.interactions)[0];
      expect(first?.type).toBe('fill-in');
      expect(replies[0]?.startsWith(first?.student_response ?? 'x')).toBe(true);
    }
    if (scorm === '2004')
      expect(Number(await lms('cmi.interactions._count'))).toBeGreaterThanOrEqual(3);

    // Leaving the SCO terminates the LMS session.
    await page.evaluate(() => {
      (document.getElementById('sco') as HTMLIFrameElement).src = 'about:blank';
    });
    await expect
      .poll(() =>
        page.evaluate(() =>
          (window as unknown as { lms: { terminated: () => boolean } }).lms.terminated(),
        ),
      )
      .toBe(true);
  });
});

describe('xAPI to a learning record store that goes down and comes back', () => {
  let session: BrowserSession;
  let harness: LmsHarness;
  beforeAll(async () => {
    harness = await startLmsHarness(join(packages, 'servicedojo-scorm2004.zip'));
    session = await openBrowser();
  });
  afterAll(async () => {
    await session?.close();
    await harness?.close();
  });

  it('should deliver every statement exactly once, each one valid', async () => {
    const { page } = session;
    // The app on its own (no LMS around it), with an LRS configured in its settings. The history
    // page opens the app's database, so the settings below go into the tables the app made.
    await page.goto(`${harness.url}sco/index.html#/history`);
    await page.getByRole('heading', { level: 1, name: '练习记录' }).waitFor();
    await page.evaluate(
      (endpoint) =>
        new Promise<void>((done, fail) => {
          const open = indexedDB.open('servicedojo');
          open.onerror = () => fail(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction(['settings', 'profile'], 'readwrite');
            tx.objectStore('settings').put({
              key: 'xapi.lrs',
              value: { endpoint, key: 'harness', secret: 'secret' },
            });
            tx.objectStore('profile').put({
              id: 'me',
              name: '陈静',
              employeeNo: 'E900',
              department: '客服部',
              updatedAt: Date.now(),
            });
            tx.oncomplete = () => done();
            tx.onerror = () => fail(tx.error);
          };
        }),
      `${harness.url}xapi/`,
    );

    harness.setLrsUp(false);
    await finishScenario(page.mainFrame());
    await expect.poll(() => harness.lrs.refused, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(harness.lrs.stored.size).toBe(0);

    harness.setLrsUp(true);
    const verbs = () =>
      [...harness.lrs.stored.values()].map((s) =>
        (s as { verb: { id: string } }).verb.id.split('/').at(-1),
      );
    // The queue retries on its own (back-off and a 5-second tick) until the last verb lands.
    await expect
      .poll(() => verbs().filter((v) => v === 'passed' || v === 'failed').length, {
        timeout: 45_000,
      })
      .toBe(1);
    // A few more sync ticks: nothing may arrive twice.
    await page.waitForTimeout(6_000);
    const seen = verbs();
    const responded = seen.filter((v) => v === 'responded').length;
    expect(responded).toBeGreaterThanOrEqual(3);
    expect(responded).toBeLessThanOrEqual(replies.length);
    expect(seen.filter((v) => v === 'attempted')).toHaveLength(1);
    expect(seen.filter((v) => v === 'completed')).toHaveLength(1);
    expect(seen).toHaveLength(responded + 3);
    expect([...harness.lrs.deliveries.values()].every((count) => count === 1)).toBe(true);
    expect([...harness.lrs.invalid.entries()]).toEqual([]);
  });
});
