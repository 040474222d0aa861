/**
 * HR end to end: the built SCORM packages run inside an LMS (a harness page with scorm-again that
 * keeps what each activity commits, as an LMS does between launches). Each scenario is its own
 * activity with its own score; a conversation left half-way continues on another computer from
 * suspend_data; a worse later attempt leaves the best score. Then the app reports to a learning
 * record store that goes down and comes back, and every statement arrives once.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, type BrowserSession } from './browser';
import { startLmsHarness, type LmsHarness } from './lms-harness/lms-server';
import { scormSchemaErrors } from '../support/scorm-xsd';
import type { Frame, Page } from 'playwright-core';

const SCENARIO = 'complaint-late-delivery';
function transcript(scenarioId: string, kind: 'strong' | 'weak'): string[] {
  return (
    JSON.parse(readFileSync(`tests/fixtures/transcripts/${scenarioId}.${kind}.json`, 'utf8')) as {
      replies: { text: string }[];
    }
  ).replies.map((reply) => reply.text);
}
const replies = transcript(SCENARIO, 'strong');

let packages: string;

beforeAll(() => {
  // The learner-only build, packaged exactly as `npm run build:scorm` does.
  packages = mkdtempSync(join(tmpdir(), 'servicedojo-scorm-'));
  const app = join(packages, 'app');
  execFileSync(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'build',
      '--mode',
      'scorm',
      '--outDir',
      app,
      '--logLevel',
      'error',
    ],
    { stdio: 'pipe' },
  );
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-scorm.ts', app, packages], {
    stdio: 'pipe',
  });
}, 180_000);

afterAll(() => {
  rmSync(packages, { recursive: true, force: true });
});

async function hash(frame: Frame): Promise<string> {
  return frame.evaluate(() => window.location.hash);
}

/** Sends replies one by one until they run out or the report opens. */
async function sendReplies(frame: Frame, texts: readonly string[]): Promise<void> {
  const box = frame.getByLabel('你的回复');
  for (const text of texts) {
    if ((await hash(frame)).startsWith('#/report/')) break;
    await box.waitFor({ timeout: 20_000 });
    await box.fill(text);
    await frame.getByRole('button', { name: '发送' }).click();
    await expect
      .poll(
        async () =>
          (await hash(frame)).startsWith('#/report/') ||
          ((await box.isVisible()) && (await box.inputValue()) === ''),
        { timeout: 20_000 },
      )
      .toBe(true);
  }
}

/** Plays a transcript in coach mode until the report opens. */
async function finishScenario(
  frame: Frame,
  texts: readonly string[] = replies,
  scenarioId = SCENARIO,
): Promise<void> {
  await frame.evaluate((id) => {
    window.location.hash = `#/practice/${id}?mode=coach`;
  }, scenarioId);
  await sendReplies(frame, texts);
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

async function scoFrame(page: Page): Promise<Frame> {
  await expect
    .poll(() => page.frames().some((f) => f.url().includes('/sco/')), { timeout: 20_000 })
    .toBe(true);
  return page.frames().find((f) => f.url().includes('/sco/')) as Frame;
}

/** The launch URL (resource href) of each activity in the package's manifest, by scenario. */
function activities(harness: LmsHarness): Map<string, string> {
  const manifest = harness.packageText('imsmanifest.xml');
  const hrefs = [...manifest.matchAll(/<resource identifier="sco-[^"]+"[^>]*href="([^"]+)"/g)].map(
    (match) => (match[1] ?? '').replaceAll('&amp;', '&'),
  );
  return new Map(
    hrefs.map((href) => [new URLSearchParams(href.split('?')[1]).get('scenario') ?? '', href]),
  );
}

/** Opens an activity as the LMS launches it, and waits for the SCO. */
async function launchActivity(page: Page, harness: LmsHarness, scorm: string, href: string) {
  await page.goto(`${harness.url}?scorm=${scorm}&launch=${encodeURIComponent(href)}`);
  return scoFrame(page);
}

/** The learner leaves the activity: the SCO frame goes, and the LMS session ends. */
async function leaveActivity(page: Page): Promise<void> {
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

  it('should be a learner-only package with one activity per scenario and a valid manifest', async () => {
    expect(harness.packageFiles).toContain('imsmanifest.xml');
    expect(harness.packageFiles).not.toContain('sw.js');
    expect(harness.packageFiles.some((file) => /trainer|authoring|records-page/.test(file))).toBe(
      false,
    );
    expect(activities(harness).size).toBe(14);
    expect(
      await scormSchemaErrors(scorm as '1.2' | '2004', harness.packageText('imsmanifest.xml')),
    ).toEqual([]);
  });

  it('should report the learner’s score, status and replies to the LMS', async () => {
    const { page } = session;
    const launch = activities(harness).get(SCENARIO) ?? '';
    const frame = await launchActivity(page, harness, scorm, launch);
    const lms = (element: string) =>
      page.evaluate(
        (name) => (window as unknown as { lms: { get: (e: string) => string } }).lms.get(name),
        element,
      );
    const status = scorm === '2004' ? 'cmi.completion_status' : 'cmi.core.lesson_status';
    await expect.poll(() => lms(status), { timeout: 20_000 }).toBe('incomplete');

    // The LMS learner becomes the trainee: no profile form inside an LMS; the activity opens
    // on its scenario, and there are no staff pages to go to.
    await expect
      .poll(() => profileName(frame), { timeout: 20_000 })
      .toBe(scorm === '2004' ? '陈静' : 'Jing Chen');
    await expect.poll(() => hash(frame)).toBe(`#/practice/${SCENARIO}?mode=coach`);
    await frame.getByRole('link', { name: '练习记录' }).waitFor();
    expect(await frame.getByRole('link', { name: '培训档案' }).count()).toBe(0);
    expect(await frame.getByRole('link', { name: '培训师' }).count()).toBe(0);
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
      expect(await lms('cmi.interactions.0.description')).toMatch(/^step \S+ · tags /);
      expect(await lms('cmi.interactions.0.latency')).toMatch(/^PT/);
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
    await leaveActivity(page);
  });
});

interface Kept2004 {
  score?: { raw?: string };
  success_status?: string;
  suspend_data?: string;
  location?: string;
  interactions?: Record<string, unknown> | unknown[];
}

describe('a SCORM 2004 catalogue package across launches and computers', () => {
  let harness: LmsHarness;
  const launches = new Map<string, string>();
  beforeAll(async () => {
    harness = await startLmsHarness(join(packages, 'servicedojo-scorm2004.zip'));
    for (const [id, href] of activities(harness)) launches.set(id, href);
  });
  afterAll(async () => {
    await harness?.close();
  });
  const kept = (scenarioId: string) =>
    harness.kept('2004', launches.get(scenarioId) ?? '') as Kept2004 | undefined;
  const interactionCount = (scenarioId: string) =>
    Object.keys(kept(scenarioId)?.interactions ?? {}).length;

  /** A fresh computer (an empty browser) that launches one activity and plays in it. */
  async function onNewComputer(
    scenarioId: string,
    play: (frame: Frame, page: Page) => Promise<void>,
  ): Promise<void> {
    const session = await openBrowser();
    try {
      const frame = await launchActivity(
        session.page,
        harness,
        '2004',
        launches.get(scenarioId) ?? '',
      );
      await play(frame, session.page);
      await leaveActivity(session.page);
    } finally {
      await session.close();
    }
  }

  it('should report two scenarios launched as separate activities with separate scores', async () => {
    await onNewComputer(SCENARIO, (frame) => finishScenario(frame));
    const other = 'spin-office-printer';
    await onNewComputer(other, (frame) => finishScenario(frame, transcript(other, 'weak'), other));
    expect(kept(SCENARIO)?.success_status).toBe('passed');
    expect(kept(other)?.success_status).toBe('failed');
    expect(Number(kept(SCENARIO)?.score?.raw)).toBeGreaterThan(Number(kept(other)?.score?.raw));
  });

  it('should continue on another computer a conversation left half-way', async () => {
    const scenarioId = 'complaint-price-drop';
    const texts = transcript(scenarioId, 'strong');
    await onNewComputer(scenarioId, (frame) => sendReplies(frame, texts.slice(0, 2)));
    expect(JSON.parse(kept(scenarioId)?.suspend_data ?? '{}')).toMatchObject({
      scenarioId,
      turns: [
        [expect.any(Number), texts[0]],
        [expect.any(Number), texts[1]],
      ],
    });
    expect(kept(scenarioId)?.location).toMatch(/\S/);

    await onNewComputer(scenarioId, async (frame, page) => {
      await frame.getByRole('heading', { name: '上次的练习还没做完' }).waitFor({ timeout: 20_000 });
      await frame.getByRole('button', { name: '继续上次的对话' }).click();
      for (const text of texts.slice(0, 2)) await frame.getByText(text).first().waitFor();
      await screenshot(page, 'lms-scorm2004-resumed');
      await sendReplies(frame, texts.slice(2));
      await expect.poll(() => hash(frame), { timeout: 20_000 }).toMatch(/^#\/report\//);
    });
    expect(kept(scenarioId)?.success_status).toBe('passed');
    expect(kept(scenarioId)?.suspend_data).toBe('');
  });

  it('should leave the best score when a later attempt on another computer is worse', async () => {
    const before = kept(SCENARIO);
    const interactionsBefore = interactionCount(SCENARIO);
    await onNewComputer(SCENARIO, (frame) => finishScenario(frame, transcript(SCENARIO, 'weak')));
    // The weak attempt was reported (its replies are there) but the score did not go down.
    expect(interactionCount(SCENARIO)).toBeGreaterThan(interactionsBefore);
    expect(kept(SCENARIO)?.score?.raw).toBe(before?.score?.raw);
    expect(kept(SCENARIO)?.success_status).toBe('passed');
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
