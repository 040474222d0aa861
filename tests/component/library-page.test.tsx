import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import lateDeliveryYaml from '../../scenarios/complaint-late-delivery.yaml?raw';
import { loadScenarioFile } from '../../src/core/scenario-loader';
import type { Scenario } from '../../src/core/scenario-schema';
import { createAttempt, saveProfile, updateAttempt } from '../../src/data/attempts';
import { saveExamLimit } from '../../src/data/exam-limits';
import { ServiceDojoDb, useDatabase } from '../../src/data/db';
import { LibraryPage } from '../../src/features/library/library-page';
import { useCatalogStore } from '../../src/stores/use-catalog-store';
import { useLocaleStore } from '../../src/stores/use-locale-store';

const base = loadScenarioFile({
  file: 'scenarios/complaint-late-delivery.yaml',
  text: lateDeliveryYaml,
}).scenario as Scenario;

function variant(
  id: string,
  zh: string,
  en: string,
  category: Scenario['category'],
  difficulty: number,
): Scenario {
  return {
    ...base,
    id,
    title: { 'zh-CN': zh, en },
    brief: { 'zh-CN': `${zh}的简介`, en: `About ${en}` },
    category,
    difficulty,
    durationMinutes: 10 + difficulty,
  };
}

const scenarios = [
  variant('sofa-late', '沙发迟到', 'Late sofa', 'complaint', 1),
  variant('printer-spin', '办公打印机', 'Office printer', 'spin', 2),
  variant('rude-clerk', '店员态度差', 'Rude clerk', 'complaint', 3),
];

function cardTitles(): string[] {
  return screen
    .getAllByRole('article')
    .map((card) => within(card).getByRole('heading').textContent ?? '');
}

async function finishAttempt(scenarioId: string, score: number, startedAt: number) {
  const attempt = await createAttempt({
    scenarioId,
    scenarioVersion: 1,
    scenarioTitle: { 'zh-CN': '沙发迟到', en: 'Late sofa' },
    mode: 'exam',
    trainee: { name: '李明', employeeNo: 'E001', department: '客服部' },
    snapshot: {},
    startedAt,
  });
  await updateAttempt(attempt.id, attempt.revision, {
    status: 'finished',
    score,
    passed: score >= 65,
  });
}

describe('LibraryPage', () => {
  beforeEach(() => {
    useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
    useLocaleStore.setState({ locale: 'zh-CN' });
    useCatalogStore.setState({ status: 'ready', scenarios, errors: [] });
  });

  it('should show every scenario as a card with category, difficulty and duration', async () => {
    render(<LibraryPage />);
    expect(cardTitles()).toEqual(['沙发迟到', '办公打印机', '店员态度差']);
    const printer = screen.getAllByRole('article')[1] as HTMLElement;
    expect(printer).toHaveTextContent('SPIN 提问');
    expect(printer).toHaveTextContent('进阶');
    expect(printer).toHaveTextContent('约 12 分钟');
    expect(printer).toHaveTextContent('未练习');
  });

  it('should filter by category and difficulty and clear the filters again', async () => {
    const user = userEvent.setup();
    render(<LibraryPage />);
    await user.selectOptions(screen.getByLabelText('类别'), 'complaint');
    expect(cardTitles()).toEqual(['沙发迟到', '店员态度差']);
    await user.selectOptions(screen.getByLabelText('难度'), '3');
    expect(cardTitles()).toEqual(['店员态度差']);
    expect(screen.getByText('共 1 个场景（总共 3 个）')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '清除筛选' }));
    expect(cardTitles()).toHaveLength(3);
  });

  it('should find scenarios by Chinese or English words and say when nothing matches', async () => {
    const user = userEvent.setup();
    render(<LibraryPage />);
    const search = screen.getByRole('searchbox', { name: '搜索标题或简介' });
    await user.type(search, 'printer');
    expect(cardTitles()).toEqual(['办公打印机']);
    await user.clear(search);
    await user.type(search, '态度');
    expect(cardTitles()).toEqual(['店员态度差']);
    await user.type(search, '没有这个词');
    expect(screen.queryAllByRole('article')).toHaveLength(0);
    expect(screen.getByText(/没有符合条件的场景/)).toBeInTheDocument();
  });

  it('should show the best finished score and offer to resume an open attempt', async () => {
    await finishAttempt('sofa-late', 58, 1000);
    await finishAttempt('sofa-late', 82.4, 2000);
    await createAttempt({
      scenarioId: 'printer-spin',
      scenarioVersion: 1,
      scenarioTitle: { 'zh-CN': '办公打印机', en: 'Office printer' },
      mode: 'choice',
      trainee: { name: '李明', employeeNo: 'E001', department: '客服部' },
      snapshot: {},
      startedAt: 3000,
    });
    render(<LibraryPage />);
    const [sofa, printer] = screen.getAllByRole('article') as HTMLElement[];
    expect(await within(sofa!).findByText('最好成绩 82 分')).toBeInTheDocument();
    expect(sofa).toHaveTextContent('已完成 2 次');
    const resume = within(printer!).getByRole('link', { name: /继续上次的练习/ });
    expect(resume).toHaveAttribute('href', '#/practice/printer-spin?mode=choice');
  });

  it('should start in the chosen mode', async () => {
    const user = userEvent.setup();
    render(<LibraryPage />);
    const start = screen.getByRole('link', { name: '开始练习：沙发迟到' });
    expect(start).toHaveAttribute('href', '#/practice/sofa-late?mode=coach');
    await user.click(screen.getByRole('radio', { name: /考试模式/ }));
    expect(start).toHaveAttribute('href', '#/practice/sofa-late?mode=exam');
  });

  it('should count exam attempts against the limit and stop offering the exam once used up', async () => {
    await saveProfile({ name: '李明', employeeNo: 'E001', department: '客服部' });
    await saveExamLimit('sofa-late', 2);
    await saveExamLimit('printer-spin', 3);
    await finishAttempt('sofa-late', 40, 1);
    await finishAttempt('sofa-late', 50, 2);
    const user = userEvent.setup();
    render(<LibraryPage />);
    await user.click(screen.getByRole('radio', { name: /考试模式/ }));

    const sofa = screen.getAllByRole('article')[0] as HTMLElement;
    expect(await within(sofa).findByText('考试 2/2 次')).toBeInTheDocument();
    expect(within(sofa).getByText('考试次数已用完，如需再考请联系培训师')).toBeInTheDocument();
    expect(within(sofa).queryByRole('link', { name: '开始练习：沙发迟到' })).toBeNull();
    const printer = screen.getAllByRole('article')[1] as HTMLElement;
    expect(within(printer).getByText('考试 0/3 次')).toBeInTheDocument();
    expect(within(printer).getByRole('link', { name: '开始练习：办公打印机' })).toHaveAttribute(
      'href',
      '#/practice/printer-spin?mode=exam',
    );

    await user.click(screen.getByRole('radio', { name: /教练模式/ }));
    expect(within(sofa).getByRole('link', { name: '开始练习：沙发迟到' })).toBeInTheDocument();
  });

  it('should speak English when the language is switched', () => {
    useLocaleStore.setState({ locale: 'en' });
    render(<LibraryPage />);
    expect(cardTitles()).toEqual(['Late sofa', 'Office printer', 'Rude clerk']);
    expect(screen.getByRole('link', { name: 'Start: Rude clerk' })).toBeInTheDocument();
  });

  it('should list broken scenario files with file, line and field', async () => {
    useCatalogStore.setState({
      errors: [
        {
          file: 'scenarios/broken.yaml',
          line: 12,
          field: 'steps[0].choices',
          message: 'Too small: expected array to have >=3 items',
        },
      ],
    });
    const user = userEvent.setup();
    render(<LibraryPage />);
    await user.click(screen.getByText('1 个场景文件有问题，未能加载'));
    expect(
      screen.getByText('scenarios/broken.yaml:12 steps[0].choices').closest('li'),
    ).toHaveTextContent('Too small: expected array to have >=3 items');
  });
});
