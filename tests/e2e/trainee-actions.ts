/** What a trainee does in the browser, shared by the end-to-end specs (driven by roles and labels). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, inject } from 'vitest';
import type { Page } from './browser';

/** The replies of a scenario's strong transcript, in order. */
export function strongReplies(scenarioId: string): string[] {
  const transcript = JSON.parse(
    readFileSync(`tests/fixtures/transcripts/${scenarioId}.strong.json`, 'utf8'),
  ) as { replies: { text: string }[] };
  return transcript.replies.map((reply) => reply.text);
}

export function onReport(page: Page): boolean {
  return new URL(page.url()).hash.startsWith('#/report/');
}

/** Waits until the reply is in the conversation and saved (ready for the next), or the report shows. */
export async function waitForTurn(page: Page, text: string): Promise<void> {
  const log = page.getByRole('list', { name: '对话记录' });
  const send = page.getByRole('button', { name: '发送', exact: true });
  await expect
    .poll(
      async () =>
        onReport(page) ||
        ((await log.getByText(text, { exact: true }).count()) > 0 && (await send.count()) === 1),
    )
    .toBe(true);
}

/** Types a reply, sends it with Enter and waits for the turn. */
export async function typeReply(page: Page, text: string): Promise<void> {
  await page.getByLabel('你的回复').fill(text);
  await page.getByLabel('你的回复').press('Enter');
  await waitForTurn(page, text);
}

/** Types the scenario's strong replies until the report opens; returns the replies sent. */
export async function practiseToReport(page: Page, scenarioId: string): Promise<string[]> {
  const sent: string[] = [];
  for (const reply of strongReplies(scenarioId)) {
    if (onReport(page)) break;
    await typeReply(page, reply);
    sent.push(reply);
  }
  await expect.poll(() => onReport(page)).toBe(true);
  return sent;
}

/** Fills and saves the profile page; `said` is the confirmation expected. */
/** Waits for a practice page to settle and, when it offers an unfinished attempt, starts over. */
export async function startOverIfOffered(page: Page): Promise<void> {
  const restart = page.getByRole('button', { name: '重新开始' });
  const ready = page.getByLabel('你的回复').or(page.getByRole('group', { name: '选一条回复' }));
  // The offer appears only once the stored attempts are read: wait for it or for the page itself.
  await restart.or(ready).first().waitFor();
  if ((await restart.count()) > 0) await restart.click();
  await ready.first().waitFor();
}

export async function saveProfile(
  page: Page,
  name = '李明',
  said: string | RegExp = '已保存。',
): Promise<void> {
  await page.goto(`${inject('appUrl')}#/profile`);
  await page.getByLabel('姓名').fill(name);
  await page.getByLabel('工号').fill('E001');
  await page.getByLabel('部门').fill('客服部');
  await page.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => page.getByText(said).count()).toBe(1);
}

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeResult {
  violations: { id: string; impact?: string | null; nodes: { target: string[] }[] }[];
}

/** axe-core's serious and critical violations on the page as it stands, "rule: elements". */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<AxeResult> } })
      .axe;
    const result = await axe.run(document);
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) =>
          `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      );
  });
}

/** Resolves once a service worker controls the page (clientsClaim makes that the first visit). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);
}
