import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { database, ServiceDojoDb, useDatabase, type AttemptRecord } from '../../src/data/db';
import lateDeliveryYaml from '../../scenarios/complaint-late-delivery.yaml?raw';
import { loadScenarioFile } from '../../src/core/scenario-loader';
import type { Scenario } from '../../src/core/scenario-schema';
import { useCatalogStore } from '../../src/stores/use-catalog-store';
import { RecordsPage } from '../../src/features/records/records-page';
import { TraineePage } from '../../src/features/records/trainee-page';
import { useLocaleStore } from '../../src/stores/use-locale-store';

const DAY = 86_400_000;
const START = new Date(2024, 4, 1, 9, 0).getTime();

function attempt(change: Partial<AttemptRecord> & { no?: number } = {}): AttemptRecord {
  const { no = 1, ...rest } = change;
  return {
    id: crypto.randomUUID(),
    schemaVersion: 1,
    scenarioId: 'complaint-late-delivery',
    scenarioVersion: 1,
    scenarioTitle: { 'zh-CN': '沙发延迟送货', en: 'Late sofa delivery' },
    mode: 'exam',
    trainee: {
      name: `学员${no}`,
      employeeNo: `E${String(no).padStart(3, '0')}`,
      department: '客服部',
    },
    status: 'finished',
    startedAt: START + no * 60_000,
    updatedAt: START,
    finishedAt: START + no * 60_000 + 300_000,
    durationMs: 300_000,
    revision: 2,
    snapshot: null,
    score: 70,
    passed: true,
    ...rest,
  };
}

let downloads: Blob[] = [];

beforeEach(() => {
  useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
  useLocaleStore.setState({ locale: 'zh-CN' });
  downloads = [];
  URL.createObjectURL = vi.fn((blob: Blob) => {
    downloads.push(blob);
    return 'blob:test';
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
  // jsdom has no layout: give elements a screenful of size so the virtualiser renders rows.
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(640);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1200);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('RecordsPage', () => {
  it('should say where each record comes from and what an imported one claimed', async () => {
    await database().attempts.bulkAdd([
      attempt({ no: 1, id: 'here', source: 'practised' }),
      attempt({ no: 2, id: 'bundle', source: 'imported', score: 41, claimed: { score: 96 } }),
      attempt({ no: 3, id: 'watched', mode: 'observed', observer: '周老师' }),
    ]);
    render(<RecordsPage />);
    const row = async (name: string) =>
      (await screen.findByRole('link', { name })).closest('tr') as HTMLElement;
    expect(await row('学员1')).toHaveTextContent('本机练习');
    expect(await row('学员2')).toHaveTextContent('导入（已重新评分） （自报 96 分）');
    expect(await row('学员3')).toHaveTextContent('培训师观察');
  });

  it('should list the counting attempt of each trainee and find one by name', async () => {
    await database().attempts.bulkAdd([
      attempt({ no: 1, score: 55, passed: false }),
      attempt({ no: 1, score: 91, startedAt: START + 5 * DAY }),
      attempt({ no: 2, trainee: { name: '张华', employeeNo: 'E002', department: '售后部' } }),
    ]);
    render(<RecordsPage />);
    expect(await screen.findByText('共 2 条')).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: '91' })).toBeInTheDocument();
    expect(screen.queryByRole('cell', { name: '55' })).not.toBeInTheDocument();

    await userEvent.type(screen.getByLabelText('搜索姓名、工号、部门或场景'), '张华');
    expect(await screen.findByText('共 1 条')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '张华' })).toHaveAttribute(
      'href',
      '#/records/trainee/E002',
    );
  });

  it('should follow the "which attempt counts" setting and remember it', async () => {
    await database().attempts.bulkAdd([
      attempt({ no: 1, score: 91 }),
      attempt({ no: 1, score: 40, passed: false, startedAt: START + 5 * DAY }),
    ]);
    render(<RecordsPage />);
    expect(await screen.findByRole('cell', { name: '91' })).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('重复练习时计入'), 'last');
    expect(await screen.findByRole('cell', { name: '40' })).toBeInTheDocument();
    await waitFor(async () =>
      expect((await database().settings.get('records.countingPolicy'))?.value).toBe('last'),
    );
  });

  it('should sort by score when its header is pressed', async () => {
    await database().attempts.bulkAdd([
      attempt({ no: 1, score: 60 }),
      attempt({ no: 2, score: 95 }),
      attempt({ no: 3, score: 80 }),
    ]);
    render(<RecordsPage />);
    await screen.findByText('共 3 条');
    await userEvent.click(screen.getByRole('button', { name: '按得分排序' }));
    const scores = () =>
      screen
        .getAllByRole('row')
        .slice(1)
        .map((row) => within(row).getAllByRole('cell')[6]?.textContent);
    expect(scores()).toEqual(['95', '80', '60']);
    await userEvent.click(screen.getByRole('button', { name: /按得分排序/ }));
    expect(scores()).toEqual(['60', '80', '95']);
  });

  it('should render only a window of rows when there are thousands', async () => {
    await database().attempts.bulkAdd(
      Array.from({ length: 2000 }, (_, i) => attempt({ no: i + 1 })),
    );
    render(<RecordsPage />);
    expect(await screen.findByText('共 2000 条')).toBeInTheDocument();
    const rendered = screen.getAllByRole('row').length;
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(80);
  });

  it('should export the shown rows as a CSV file with a BOM and Chinese headers', async () => {
    await database().attempts.bulkAdd([
      attempt({ no: 1, trainee: { name: '=1+1', employeeNo: 'E001', department: '客服部' } }),
    ]);
    render(<RecordsPage />);
    await screen.findByText('共 1 条');
    await userEvent.click(screen.getByRole('button', { name: '导出 CSV' }));
    expect(downloads).toHaveLength(1);
    const bytes = new Uint8Array(await downloads[0]!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('姓名,工号,部门');
    expect(text).toContain(`'=1+1`);
  });

  it('should show the completion matrix with the department rate', async () => {
    await database().attempts.bulkAdd([
      attempt({ no: 1 }),
      attempt({ no: 2, passed: false, score: 30 }),
    ]);
    render(<RecordsPage />);
    await screen.findByText('共 2 条');
    await userEvent.click(screen.getByRole('radio', { name: '完成矩阵' }));
    expect(screen.getByText('客服部：50%（1/2）')).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: '70 ✓' })).toBeInTheDocument();
  });
});

describe('RecordsPage for HR', () => {
  it('should name the five dimensions in the headers and show class and observer', async () => {
    const { createClass } = await import('../../src/data/class-repository');
    const room = await createClass({
      name: '五月新员工班',
      trainer: '周老师',
      date: '2024-05-01',
      scenarioIds: [],
    });
    await database().attempts.bulkAdd([
      attempt({ no: 1, mode: 'observed', observer: '周老师', classId: room.id }),
    ]);
    render(<RecordsPage />);
    await screen.findByText('共 1 条');
    for (const name of ['可感知性', '可靠性', '反应性', '保证性', '移情性', '班级', '观察员'])
      expect(screen.getByRole('columnheader', { name })).toBeInTheDocument();
    const row = (await screen.findByRole('link', { name: '学员1' })).closest('tr') as HTMLElement;
    expect(within(row).getByRole('cell', { name: '五月新员工班' })).toBeInTheDocument();
    expect(within(row).getByRole('cell', { name: '周老师' })).toBeInTheDocument();
  });

  it('should list roster people who have not started and count exam passes only by default', async () => {
    const { createClass } = await import('../../src/data/class-repository');
    await createClass({
      name: '五月新员工班',
      trainer: '周老师',
      date: '2024-05-01',
      scenarioIds: [],
      roster: [
        { id: 'r1', name: '学员1', employeeNo: 'E001', department: '客服部' },
        { id: 'r2', name: '赵强', employeeNo: 'E009', department: '客服部' },
      ],
    });
    await database().attempts.bulkAdd([
      attempt({ no: 1, mode: 'choice', score: 95 }),
      attempt({ no: 2, mode: 'exam', score: 80 }),
    ]);
    render(<RecordsPage />);
    await screen.findByText('共 2 条');
    await userEvent.click(screen.getByRole('radio', { name: '完成矩阵' }));

    const row = (name: string) => screen.getByRole('link', { name }).closest('tr') as HTMLElement;
    expect(row('赵强')).toHaveTextContent('未开始');
    expect(row('学员1')).toHaveTextContent('仅练习');
    expect(screen.getByText('客服部：33%（1/3）')).toBeInTheDocument();
    expect(screen.getByText('包括班级名册上尚未开始练习的 1 人。')).toBeInTheDocument();
    const counted = screen.getByRole('group', { name: '计入完成的模式' });
    expect(within(counted).getByRole('checkbox', { name: '考试模式' })).toBeChecked();
    expect(within(counted).getByRole('checkbox', { name: '选择模式' })).not.toBeChecked();

    await userEvent.click(within(counted).getByRole('checkbox', { name: '选择模式' }));

    expect(await screen.findByText('客服部：67%（2/3）')).toBeInTheDocument();
    expect(row('学员1')).toHaveTextContent('95 ✓');
    await waitFor(async () =>
      expect((await database().settings.get('records.completionModes'))?.value).toEqual([
        'exam',
        'choice',
        'observed',
      ]),
    );
  });
});

describe('ExamLimitsSettings', () => {
  it('should save a scenario’s exam attempt limit, refuse a bad one and clear it again', async () => {
    const scenario = loadScenarioFile({
      file: 'scenarios/complaint-late-delivery.yaml',
      text: lateDeliveryYaml,
    }).scenario as Scenario;
    useCatalogStore.setState({ status: 'ready', scenarios: [scenario], errors: [] });
    const user = userEvent.setup();
    render(<RecordsPage />);
    await user.click(await screen.findByText('考试次数限制'));
    const box = screen.getByRole('spinbutton', { name: '沙发迟到两周' });

    await user.type(box, '0');
    await user.tab();
    expect(screen.getByRole('alert')).toHaveTextContent('「0」不是 1 到 99 之间的整数');
    await user.clear(box);
    await user.type(box, '3');
    await user.tab();
    await waitFor(async () =>
      expect((await database().settings.get('exam.attemptLimits'))?.value).toEqual({
        'complaint-late-delivery': 3,
      }),
    );
    expect(screen.queryByRole('alert')).toBeNull();

    await user.clear(box);
    await user.tab();
    await waitFor(async () =>
      expect((await database().settings.get('exam.attemptLimits'))?.value).toEqual({}),
    );
  });
});

describe('TraineePage', () => {
  it('should show the trend and print a certificate for a passed scenario', async () => {
    const print = vi.fn();
    window.print = print;
    await database().attempts.bulkAdd([
      attempt({ no: 1, score: 50, passed: false }),
      attempt({ no: 1, score: 88, startedAt: START + DAY }),
    ]);
    render(<TraineePage employeeNo="E001" />);
    expect(await screen.findByRole('heading', { name: '学员1 的培训档案' })).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: '2 次已完成练习的得分，从 50 到 88' }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '打印「沙发延迟送货」证书' }));
    expect(print).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('article', { name: '结业证书' })).toHaveTextContent('成绩 88 分');
  });
});

describe('LrsSettings', () => {
  it('should refuse an endpoint that is not a web address and save a good one', async () => {
    render(<RecordsPage />);
    await userEvent.click(await screen.findByText('学习记录库（LRS）连接'));
    await userEvent.type(screen.getByLabelText('LRS 地址'), 'lrs.local');
    await userEvent.click(screen.getByRole('button', { name: '保存并发送' }));
    expect(screen.getByText('请填写以 http(s):// 开头的 LRS 地址。')).toBeInTheDocument();
    await userEvent.clear(screen.getByLabelText('LRS 地址'));
    await userEvent.type(screen.getByLabelText('LRS 地址'), 'https://lrs.example.com/xapi/');
    await userEvent.type(screen.getByLabelText('密钥名（Key）'), 'k');
    await userEvent.type(screen.getByLabelText('密钥（Secret）'), 's');
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('offline'));
    await userEvent.click(screen.getByRole('button', { name: '保存并发送' }));
    expect(await screen.findByText('已保存，正在发送排队的记录。')).toBeInTheDocument();
    expect((await database().settings.get('xapi.lrs'))?.value).toMatchObject({
      endpoint: 'https://lrs.example.com/xapi/',
    });
  });

  it('should warn that the queue is paused, resume it on save and deliver the kept statements', async () => {
    const db = database();
    await db.settings.put({
      key: 'xapi.lrs',
      value: { endpoint: 'https://lrs.example.com/xapi/', key: 'k', secret: 'wrong' },
    });
    await db.settings.put({
      key: 'xapi.paused',
      value: { status: 401, message: 'LRS answered 401: Unauthorized', at: START },
    });
    await db.xapiQueue.bulkAdd(
      ['s1', 's2'].map((id) => ({
        id,
        statement: { id },
        state: 'pending' as const,
        queuedAt: START,
        tries: 1,
        nextTryAt: START,
        lastError: 'LRS answered 401: Unauthorized',
      })),
    );
    const fetchSpy = vi
      .spyOn(globalThis, 'fetch')
      .mockImplementation(async () => new Response('["s1","s2"]', { status: 200 }));
    render(<RecordsPage />);

    expect(await screen.findByRole('alert')).toHaveTextContent('学习记录库拒绝了连接（HTTP 401）');
    expect(screen.getByRole('alert')).toHaveTextContent('2 条记录保留在本机');

    await userEvent.click(screen.getByText('学习记录库（LRS）连接'));
    await userEvent.clear(screen.getByLabelText('密钥（Secret）'));
    await userEvent.type(screen.getByLabelText('密钥（Secret）'), 'good');
    await userEvent.click(screen.getByRole('button', { name: '保存并发送' }));

    expect(await screen.findByText('待发送 0 条，已送达 2 条，被拒绝 0 条')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(fetchSpy).toHaveBeenCalledTimes(1);
  });

  it('should send refused statements again on request', async () => {
    const db = database();
    await db.settings.put({
      key: 'xapi.lrs',
      value: { endpoint: 'https://lrs.example.com/xapi/', key: 'k', secret: 's' },
    });
    await db.xapiQueue.add({
      id: 's1',
      statement: { id: 's1' },
      state: 'rejected',
      queuedAt: START,
      tries: 1,
      nextTryAt: Infinity,
      lastError: 'LRS answered 400: bad statement',
    });
    vi.spyOn(globalThis, 'fetch').mockImplementation(
      async () => new Response('["s1"]', { status: 200 }),
    );
    render(<RecordsPage />);
    await userEvent.click(await screen.findByText('学习记录库（LRS）连接'));
    await userEvent.click(await screen.findByRole('button', { name: '重新发送被拒绝的记录' }));

    expect(await screen.findByText('已将 1 条被拒绝的记录重新排队。')).toBeInTheDocument();
    expect(await screen.findByText('待发送 0 条，已送达 1 条，被拒绝 0 条')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '重新发送被拒绝的记录' })).not.toBeInTheDocument();
  });

  it('should show the queue status live as statements are queued and delivered', async () => {
    render(<RecordsPage />);
    await userEvent.click(await screen.findByText('学习记录库（LRS）连接'));
    expect(await screen.findByText('待发送 0 条，已送达 0 条，被拒绝 0 条')).toBeInTheDocument();
    const queued = { statement: {}, queuedAt: START, tries: 0, nextTryAt: START };
    await database().xapiQueue.bulkAdd([
      { ...queued, id: 'a', state: 'pending' },
      { ...queued, id: 'b', state: 'pending' },
    ]);
    expect(await screen.findByText('待发送 2 条，已送达 0 条，被拒绝 0 条')).toBeInTheDocument();
    await database().xapiQueue.update('a', { state: 'sent', sentAt: START });
    expect(await screen.findByText('待发送 1 条，已送达 1 条，被拒绝 0 条')).toBeInTheDocument();
  });

  it('should save the activity IRI prefix and account home page, and refuse one that is no address', async () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('offline'));
    render(<RecordsPage />);
    await userEvent.click(await screen.findByText('学习记录库（LRS）连接'));
    // Empty, the defaults are where the app runs (never a placeholder domain).
    expect(
      screen.getByText(/留空则用本应用的地址加 xapi\/：http:\/\/localhost/),
    ).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('LRS 地址'), 'https://lrs.corp.cn/xapi/');
    await userEvent.type(screen.getByLabelText('密钥名（Key）'), 'k');
    await userEvent.type(screen.getByLabelText('活动 IRI 前缀（可选）'), 'servicedojo');
    await userEvent.click(screen.getByRole('button', { name: '保存并发送' }));
    expect(
      await screen.findByText('活动 IRI 前缀和账号主页须是以 http(s):// 开头的完整地址，或留空。'),
    ).toBeInTheDocument();
    expect(await database().settings.get('xapi.lrs')).toBeUndefined();
    await userEvent.clear(screen.getByLabelText('活动 IRI 前缀（可选）'));
    await userEvent.type(
      screen.getByLabelText('活动 IRI 前缀（可选）'),
      'https://id.corp.cn/dojo/',
    );
    await userEvent.type(screen.getByLabelText('学员账号主页（可选）'), 'https://hr.corp.cn');
    await userEvent.click(screen.getByRole('button', { name: '保存并发送' }));
    await waitFor(async () =>
      expect((await database().settings.get('xapi.lrs'))?.value).toMatchObject({
        activityBase: 'https://id.corp.cn/dojo/',
        homePage: 'https://hr.corp.cn',
      }),
    );
  });

  it('should refuse http:// except to this machine', async () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('offline'));
    render(<RecordsPage />);
    await userEvent.click(await screen.findByText('学习记录库（LRS）连接'));
    await userEvent.type(screen.getByLabelText('LRS 地址'), 'http://example.com/xapi/');
    await userEvent.type(screen.getByLabelText('密钥名（Key）'), 'k');
    await userEvent.type(screen.getByLabelText('密钥（Secret）'), 's');
    await userEvent.click(screen.getByRole('button', { name: '保存并发送' }));
    expect(screen.getByText(/http:\/\/ 只能用于本机地址/)).toBeInTheDocument();
    expect(await database().settings.get('xapi.lrs')).toBeUndefined();

    await userEvent.clear(screen.getByLabelText('LRS 地址'));
    await userEvent.type(screen.getByLabelText('LRS 地址'), 'http://127.0.0.1:8080/xapi/');
    await userEvent.click(screen.getByRole('button', { name: '保存并发送' }));
    expect(await screen.findByText('已保存，正在发送排队的记录。')).toBeInTheDocument();
    expect((await database().settings.get('xapi.lrs'))?.value).toMatchObject({
      endpoint: 'http://127.0.0.1:8080/xapi/',
    });
  });

  it('should never put the saved secret back into the page and keep it when left empty', async () => {
    await database().settings.put({
      key: 'xapi.lrs',
      value: { endpoint: 'https://lrs.example.com/xapi/', key: 'k', secret: 'top-secret' },
    });
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('offline'));
    const { container } = render(<RecordsPage />);
    await userEvent.click(await screen.findByText('学习记录库（LRS）连接'));
    expect(await screen.findByLabelText('LRS 地址')).toHaveValue('https://lrs.example.com/xapi/');
    expect(screen.getByLabelText('密钥（Secret）')).toHaveValue('');
    expect(screen.getByText(/密钥已保存，不在此显示/)).toBeInTheDocument();

    await userEvent.clear(screen.getByLabelText('密钥名（Key）'));
    await userEvent.type(screen.getByLabelText('密钥名（Key）'), 'k2');
    await userEvent.click(screen.getByRole('button', { name: '保存并发送' }));
    expect(await screen.findByText('已保存，正在发送排队的记录。')).toBeInTheDocument();
    expect(screen.getByLabelText('密钥（Secret）')).toHaveValue('');
    expect(container.innerHTML).not.toContain('top-secret');
    expect((await database().settings.get('xapi.lrs'))?.value).toMatchObject({
      key: 'k2',
      secret: 'top-secret',
    });

    await userEvent.type(screen.getByLabelText('密钥（Secret）'), 'new-secret');
    await userEvent.click(screen.getByRole('button', { name: '保存并发送' }));
    await waitFor(async () =>
      expect((await database().settings.get('xapi.lrs'))?.value).toMatchObject({
        secret: 'new-secret',
      }),
    );
    expect(screen.getByLabelText('密钥（Secret）')).toHaveValue('');
  });
});
