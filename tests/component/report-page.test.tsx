import { readFileSync, readdirSync } from 'node:fs';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { documentTitle } from '../../src/core/documents';
import type { Report } from '../../src/core/report';
import { finishedAttempt, runTranscript, type Transcript } from '../../src/core/attempt';
import type { StoredReport } from '../../src/core/stored-report';
import { createAttempt, updateAttempt } from '../../src/data/attempts';
import { ServiceDojoDb, useDatabase } from '../../src/data/db';
import { ReportPage } from '../../src/features/report/report-page';
import { useCatalogStore } from '../../src/stores/use-catalog-store';
import { useLocaleStore } from '../../src/stores/use-locale-store';

function yamlFiles(dir: string) {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => ({ file: `${dir}/${name}`, text: readFileSync(`${dir}/${name}`, 'utf8') }));
}

function transcript(kind: 'strong' | 'weak'): Transcript {
  return JSON.parse(
    readFileSync(`tests/fixtures/transcripts/complaint-late-delivery.${kind}.json`, 'utf8'),
  ) as Transcript;
}

/** Plays a transcript and stores it as a finished attempt, as the practice page does. */
async function storeFinished(kind: 'strong' | 'weak'): Promise<{ id: string; report: Report }> {
  const { scenarioById, analyzer } = useCatalogStore.getState();
  const scenario = scenarioById('complaint-late-delivery');
  if (!scenario || !analyzer) throw new Error('catalogue not loaded');
  const report = runTranscript(scenario, analyzer, transcript(kind), 'coach');
  const created = await createAttempt({
    scenarioId: scenario.id,
    scenarioVersion: scenario.version,
    scenarioTitle: scenario.title,
    mode: 'coach',
    trainee: { name: '李明', employeeNo: 'E001', department: '客服部' },
    snapshot: null,
    startedAt: 0,
  });
  await updateAttempt(created.id, created.revision, {
    ...finishedAttempt(report, 0, 60_000),
  });
  return { id: created.id, report };
}

describe('ReportPage', () => {
  beforeAll(() => {
    useCatalogStore
      .getState()
      .load({ scenarios: yamlFiles('scenarios'), rules: yamlFiles('scenarios/rules') });
  });
  beforeEach(() => {
    useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
    useLocaleStore.setState({ locale: 'zh-CN' });
  });

  it('should show the score, the verdict and the ending', async () => {
    const { id, report } = await storeFinished('weak');
    render(<ReportPage attemptId={id} />);
    const summary = await screen.findByRole('region', { name: '总分' });
    expect(within(summary).getByText(`${report.score} 分`)).toBeInTheDocument();
    expect(within(summary).getByText('未通过')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: /对话结局/ })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '再练一次' })).toHaveAttribute(
      'href',
      '#/practice/complaint-late-delivery?mode=coach',
    );
  });

  it("should mark the trainee's own words of a finding, with the rule, source and better phrasing", async () => {
    const { id, report } = await storeFinished('weak');
    render(<ReportPage attemptId={id} />);
    const findings = await screen.findByRole('region', { name: '逐条评分' });
    const bad = report.findings.find((f) => f.points < 0 && f.words !== '');
    expect(bad).toBeDefined();
    if (!bad) return;
    const marks = [...findings.querySelectorAll('mark')].map((mark) => mark.textContent);
    expect(marks).toContain(bad.words);
    expect(within(findings).getAllByText(bad.message['zh-CN']).length).toBeGreaterThan(0);
    expect(within(findings).getAllByText(bad.better['zh-CN']).length).toBeGreaterThan(0);
    const title = documentTitle(bad.source.doc)?.['zh-CN'];
    expect(title).toBeDefined();
    expect(
      within(findings).getAllByText(`${title} · ${bad.source.section}`).length,
    ).toBeGreaterThan(0);
  });

  it('should name every source by its document title, never by its file name', async () => {
    const { id, report } = await storeFinished('weak');
    render(<ReportPage attemptId={id} />);
    const findings = await screen.findByRole('region', { name: '逐条评分' });
    const procedure = screen.getByRole('region', { name: '流程检查' });
    const item = report.procedure.items[0];
    expect(item).toBeDefined();
    if (!item) return;
    expect(
      within(procedure).getAllByText(`顾客满意学 · ${item.source.section}`).length,
    ).toBeGreaterThan(0);
    expect(within(findings).getAllByText(/^顾客满意学 · /).length).toBeGreaterThan(0);
    expect(document.body.textContent).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt/);
  });

  it('should cite each source in English with the Chinese title beside it', async () => {
    useLocaleStore.setState({ locale: 'en' });
    const { id, report } = await storeFinished('weak');
    render(<ReportPage attemptId={id} />);
    const item = report.procedure.items[0];
    if (!item) throw new Error('the report should have a procedure');
    const procedure = await screen.findByRole('region', { name: 'Procedure checklist' });
    expect(
      within(procedure).getAllByText(
        `The study of customer satisfaction (顾客满意学) · ${item.source.section}`,
      ).length,
    ).toBeGreaterThan(0);
    expect(document.body.textContent).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt/);
  });

  it('should show "—", not a score, for a dimension with nothing to score, and say what each dimension means', async () => {
    const { id, report } = await storeFinished('weak');
    expect(report.dimensions['可感知性']).toBeUndefined();
    render(<ReportPage attemptId={id} />);
    const table = await screen.findByRole('table', { name: '五个维度得分' });
    const absent = within(table).getByRole('row', { name: /可感知性/ });
    expect(within(absent).getByText('—')).toBeInTheDocument();
    expect(absent).not.toHaveTextContent(/\d/);
    const scored = within(table).getByRole('row', { name: /可靠性/ });
    expect(scored).toHaveTextContent(String(report.dimensions['可靠性']));
    expect(within(table).getAllByRole('row')).toHaveLength(6);
    expect(within(table).getByText(/说到做到/)).toBeInTheDocument();
    expect(screen.getByText(/不是 0 分/)).toBeInTheDocument();
  });

  it('should not style a missing finding or one worth 0 points as points gained', async () => {
    const { id, report } = await storeFinished('weak');
    expect(report.findings.some((f) => f.kind === 'missing' && f.points === 0)).toBe(true);
    render(<ReportPage attemptId={id} />);
    const findings = await screen.findByRole('region', { name: '逐条评分' });
    const items = within(findings).getAllByRole('listitem');
    const missing = items.filter((li) => within(li).queryByText('缺少'));
    const zero = items.filter((li) => within(li).queryByText('0 分'));
    const gained = items.filter((li) => within(li).queryByText(/^\+\d+ 分$/));
    expect(missing.length).toBeGreaterThan(0);
    expect(zero.length).toBeGreaterThan(missing.length);
    for (const li of [...missing, ...zero]) {
      expect(li).not.toHaveClass('gained');
      expect(li).toHaveClass('nothing');
    }
    expect(gained.length).toBeGreaterThan(0);
    for (const li of gained) expect(li).toHaveClass('gained');
  });

  it('should show the full transcript as text', async () => {
    const { id } = await storeFinished('weak');
    render(<ReportPage attemptId={id} />);
    const section = await screen.findByRole('region', { name: '完整对话' });
    const first = transcript('weak').replies[0]?.text ?? '';
    expect(within(section).getByText(first)).toBeInTheDocument();
  });

  it('should put the model reply beside a weak one and let the trainee retry that turn', async () => {
    const { id } = await storeFinished('weak');
    const user = userEvent.setup();
    render(<ReportPage attemptId={id} />);
    const weak = await screen.findByRole('region', { name: '可以说得更好的回复' });
    expect(within(weak).getAllByText('参考回复').length).toBeGreaterThan(0);
    await user.click(within(weak).getAllByRole('button', { name: '重练这一句' })[0]!);
    await user.type(
      within(weak).getByLabelText('重新回复第 1 轮'),
      '王女士，真的非常抱歉！让您请了假还白等，换作是我也会很生气。',
    );
    await user.click(within(weak).getByRole('button', { name: '试试这句' }));
    expect(within(weak).getByRole('status')).toHaveTextContent('比原来好了');
  });

  it('should say so when the attempt does not exist', async () => {
    render(<ReportPage attemptId="nope" />);
    expect(await screen.findByText('找不到这次练习的报告。')).toBeInTheDocument();
  });

  it('should read in English when the trainee switched language', async () => {
    const { id, report } = await storeFinished('weak');
    useLocaleStore.setState({ locale: 'en' });
    render(<ReportPage attemptId={id} />);
    const summary = await screen.findByRole('region', { name: 'Total score' });
    expect(within(summary).getByText(`${report.score} / 100`)).toBeInTheDocument();
    expect(within(summary).getByText('Not passed')).toBeInTheDocument();
    const findings = screen.getByRole('region', { name: 'Every point explained' });
    const first = report.findings.find((f) => f.kind !== 'procedure');
    expect(within(findings).getAllByText(first?.message.en ?? '').length).toBeGreaterThan(0);
  });

  it('should refuse a stored report of the wrong shape with a message instead of crashing', async () => {
    const created = await createAttempt({
      scenarioId: 'complaint-late-delivery',
      scenarioVersion: 1,
      scenarioTitle: { 'zh-CN': '沙发迟到两周', en: 'A sofa two weeks late' },
      mode: 'coach',
      trainee: { name: '李明', employeeNo: 'E001', department: '客服部' },
      snapshot: null,
      startedAt: 0,
    });
    await updateAttempt(created.id, created.revision, {
      status: 'finished',
      report: { score: 'lots' } as unknown as StoredReport,
    });
    render(<ReportPage attemptId={created.id} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('无法读取');
  });
});
