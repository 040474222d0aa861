import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StaffPage, type StaffView } from '../../src/features/server-admin/staff-page';
import { StaffApi } from '../../src/features/server-admin/staff-api';
import { useLocaleStore } from '../../src/stores/use-locale-store';

interface Call {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

const HR = { id: 2, name: '王经理', employeeNo: null, department: '', role: 'hr', login: 'hr' };
const CSRF = 'csrf-of-the-session';

function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(blob);
  });
}

/** A company server in memory: the routes the staff pages call, answering as src/server does. */
function fakeServer({ admin = true, signedIn = false, person = HR } = {}) {
  const calls: Call[] = [];
  let session = signedIn;
  let nextId = 10;
  let linkCount = 0;
  let countedModes = ['coach', 'exam', 'choice', 'observed'];
  const assignments: Record<string, unknown>[] = [];
  const people: Record<string, unknown>[] = [
    HR,
    { id: 3, name: '赵老师', employeeNo: null, department: '', role: 'trainer', login: 'zhao' },
  ];
  const json = (status: number, body?: unknown) =>
    new Response(body === undefined ? null : JSON.stringify(body), { status });
  const link = () => ({
    joinUrl: `http://server/#/join/token-${++linkCount}`,
    joinExpiresAt: '2026-12-19T00:00:00.000Z',
  });
  const fetchImpl = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://server');
    const method = init.method ?? 'GET';
    const headers = { ...(init.headers as Record<string, string> | undefined) };
    const raw = init.body;
    const body = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
    calls.push({ method, path: url.pathname + url.search, headers, body });
    const route = `${method} ${url.pathname}`;
    if (route === 'GET /api/health') return json(200, { ok: true, database: 'embedded' });
    if (route === 'POST /api/session') {
      const { login, password } = body as { login: string; password: string };
      if (login !== 'hr' || password !== 'correct horse battery')
        return json(401, { error: 'wrong login or password' });
      session = true;
      return json(200, { person, csrfToken: CSRF });
    }
    if (!session) return json(401, { error: 'not signed in', firstRun: !admin });
    if (route === 'GET /api/session') return json(200, { person, csrfToken: CSRF });
    if (method !== 'GET' && headers['x-csrf-token'] !== CSRF)
      return json(403, { error: 'missing or wrong X-CSRF-Token header' });
    if (route === 'DELETE /api/session') {
      session = false;
      return json(204);
    }
    if (route === 'GET /api/people') return json(200, { people });
    if (route === 'POST /api/roster') {
      // A file goes as its bytes (text/csv) for the server to decode; pasted text as JSON.
      const csv = body instanceof Blob ? await readBlob(body) : (body as { csv: string }).csv;
      const added = csv
        .split('\n')
        .map((line) => line.split(','))
        .filter((fields) => fields.length === 3)
        .map(([name, employeeNo, department]) => ({
          id: nextId++,
          name,
          employeeNo,
          department,
          role: 'trainee',
          login: null,
        }));
      people.push(...added.map((person) => ({ ...person, joined: false })));
      return json(201, {
        people: added.map((person) => ({ ...person, ...link() })),
        problems: csv.includes('坏行') ? [{ line: 3, code: 'columns', detail: '1' }] : [],
      });
    }
    const joinLink = /^POST \/api\/people\/(\d+)\/join-link$/.exec(route);
    if (joinLink) {
      const person = people.find((one) => one.id === Number(joinLink[1]));
      return json(201, { person, ...link() });
    }
    if (route === 'POST /api/people') {
      const staff = body as { login: string; name: string; role: string };
      if (people.some((one) => one.login === staff.login))
        return json(409, { error: `the login "${staff.login}" is taken` });
      const person = { id: nextId++, employeeNo: null, department: '', ...staff };
      delete (person as { password?: string }).password;
      people.push(person);
      return json(201, person);
    }
    if (route === 'PUT /api/settings/counted-modes') {
      countedModes = (body as { modes: string[] }).modes;
      return json(200, { modes: countedModes });
    }
    if (route === 'GET /api/trends')
      return json(200, {
        period: 'week',
        modes: countedModes,
        points: [
          { start: '2026-11-30', attempts: 2, passed: 1, passRate: 0.5, meanScore: 71.5 },
          { start: '2026-12-07', attempts: 0, passed: 0, passRate: 0, meanScore: null },
        ],
      });
    if (route === 'GET /api/assignments/targets') return json(200, TARGETS);
    if (route === 'GET /api/assignments') return json(200, { assignments });
    if (route === 'POST /api/assignments') {
      const created = {
        ...(body as Record<string, unknown>),
        id: nextId++,
        dueAt: Date.parse((body as { dueAt: string }).dueAt),
        createdAt: 0,
        headcount: 3,
        counts: { 'not-started': 1, 'in-progress': 0, passed: 1, overdue: 1 },
        passRate: 1 / 3,
      };
      assignments.push(created);
      return json(201, created);
    }
    const assignment = /^(GET|DELETE) \/api\/assignments\/(\d+)$/.exec(route);
    if (assignment) {
      const found = assignments.find((one) => one.id === Number(assignment[2]));
      if (!found) return json(404, { error: 'no such assignment' });
      if (method === 'DELETE') {
        assignments.splice(assignments.indexOf(found), 1);
        return json(204);
      }
      return json(200, statusOf(found));
    }
    if (route === 'GET /api/matrix')
      return json(200, {
        countedModes: url.searchParams.get('modes')?.split(',') ?? countedModes,
        scenarios: [
          { id: 'late', title: { 'zh-CN': '送货延误', en: 'Late delivery' } },
          { id: 'spin', title: { 'zh-CN': '需求探询', en: 'SPIN' } },
        ],
        people: [
          {
            id: 10,
            name: '李明',
            employeeNo: 'E001',
            department: '一店',
            cells: { late: { best: 86, passed: true, attempts: 2 } },
            practised: [],
          },
          {
            id: 11,
            name: '陈静',
            employeeNo: 'E002',
            department: '一店',
            cells: {},
            practised: [],
          },
        ],
        headcount: 2,
        byScenario: [],
        byDepartment: [{ department: '一店', headcount: 2, passRate: 0.25 }],
      });
    return json(404, { error: 'no such route' });
  });
  return {
    api: new StaffApi(fetchImpl as typeof fetch),
    calls,
    endSession: () => (session = false),
  };
}

const TARGETS = {
  scenarios: [
    { id: 'late', title: { 'zh-CN': '送货延误', en: 'Late delivery' } },
    { id: 'spin', title: { 'zh-CN': '需求探询', en: 'SPIN' } },
  ],
  departments: ['一店', '二店'],
  stores: ['上海一店'],
  positions: ['店长', '店员'],
  people: [
    { id: 10, name: '李明', employeeNo: 'E001', department: '一店' },
    { id: 11, name: '陈静', employeeNo: 'E002', department: '一店' },
    { id: 12, name: '赵磊', employeeNo: 'E003', department: '二店' },
  ],
};

/** An assignment's status as the server answers it: one person in each state but in progress. */
function statusOf(assignment: Record<string, unknown>) {
  const person = (id: number, name: string, state: string, best: number | null) => ({
    id,
    name,
    employeeNo: `E0${id - 9}`,
    department: '一店',
    store: '上海一店',
    position: '店员',
    state,
    best,
    attempts: best === null ? 0 : 1,
    passedAt: state === 'passed' ? 1 : null,
    late: false,
  });
  const counts = { 'not-started': 1, 'in-progress': 0, passed: 1, overdue: 1 };
  const group = { headcount: 3, counts, passRate: 1 / 3 };
  return {
    assignment,
    ...group,
    people: [
      person(10, '李明', 'passed', 88),
      person(11, '陈静', 'not-started', null),
      person(12, '赵磊', 'overdue', null),
    ],
    byDepartment: [{ department: '一店', ...group }],
    byStore: [{ store: '上海一店', ...group }],
  };
}

function show(server: ReturnType<typeof fakeServer>, view: StaffView = 'people') {
  return render(<StaffPage view={view} api={server.api} />);
}

async function signIn(user: ReturnType<typeof userEvent.setup>, password: string) {
  await user.type(await screen.findByLabelText('账号'), 'hr');
  await user.type(screen.getByLabelText('密码'), password);
  await user.click(screen.getByRole('button', { name: '登录' }));
}

describe('StaffPage', () => {
  beforeEach(() => {
    useLocaleStore.setState({ locale: 'zh-CN' });
    // jsdom has no layout: give elements a screenful of size so the matrix renders its rows.
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(640);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1200);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('should say the page needs the server when the app is served without one', async () => {
    const api = new StaffApi((async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch);
    render(<StaffPage view="people" api={api} />);
    expect(await screen.findByText(/这个页面需要公司服务器/)).toBeInTheDocument();
    expect(screen.queryByLabelText('账号')).not.toBeInTheDocument();
  });

  it('should show how to create the first administrator while there is none', async () => {
    show(fakeServer({ admin: false }));
    expect(await screen.findByRole('note')).toHaveTextContent(
      'npm run server:admin -- --login LOGIN --name NAME',
    );
  });

  it('should refuse a wrong password, then sign in and out with the session’s CSRF token', async () => {
    const user = userEvent.setup();
    const server = fakeServer();
    show(server);
    expect(await screen.findByLabelText('账号')).toBeInTheDocument();
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
    await signIn(user, 'wrong password');
    expect(await screen.findByRole('alert')).toHaveTextContent('账号或密码不对。');
    // The login stays; only the password is typed again.
    expect(screen.getByLabelText('账号')).toHaveValue('hr');
    await user.clear(screen.getByLabelText('密码'));
    await user.type(screen.getByLabelText('密码'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByText('已登录：王经理（人事）')).toBeInTheDocument();
    expect(await screen.findByText('还没有学员：先导入花名册。')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '退出登录' }));
    expect(await screen.findByLabelText('账号')).toBeInTheDocument();
    const signOut = server.calls.find((call) => call.method === 'DELETE');
    expect(signOut?.headers['x-csrf-token']).toBe(CSRF);
  });

  it('should import a pasted roster, list its bad lines, and show a join link with a QR code per person', async () => {
    const user = userEvent.setup();
    const server = fakeServer({ signedIn: true });
    show(server);
    await user.type(
      await screen.findByLabelText('或粘贴花名册'),
      '李明,E001,一店\n陈静,E002,一店\n坏行',
    );
    await user.click(screen.getByRole('button', { name: '导入粘贴的花名册' }));
    expect(
      await screen.findByText('已导入 2 人，每人一个新的加入链接（见下表）。'),
    ).toBeInTheDocument();
    expect(screen.getByText(/第 3 行：应为 3 列/)).toBeInTheDocument();
    const import_ = server.calls.find((call) => call.path === '/api/roster');
    expect(import_?.headers['x-csrf-token']).toBe(CSRF);
    const cards = within(screen.getByRole('region', { name: '本次生成的加入链接' }));
    expect(cards.getByText('http://server/#/join/token-1')).toBeInTheDocument();
    expect(await cards.findByRole('img', { name: '李明 的加入二维码' })).toBeInTheDocument();
    const table = within(await screen.findByRole('table'));
    expect(await table.findByRole('rowheader', { name: '陈静' })).toBeInTheDocument();
    expect(screen.getByText('2 名学员，0 人已加入。')).toBeInTheDocument();
    // A lost phone: a new link replaces the old one on the card.
    await user.click(table.getByRole('button', { name: '重新生成链接（旧链接作废）：陈静' }));
    expect(await cards.findByText('http://server/#/join/token-3')).toBeInTheDocument();
    expect(cards.queryByText('http://server/#/join/token-2')).not.toBeInTheDocument();
  });

  it('should send a roster file as it was saved, with the class name', async () => {
    const user = userEvent.setup();
    const server = fakeServer({ signedIn: true });
    show(server);
    await user.type(await screen.findByLabelText(/课堂名称/), '五月新员工班');
    const file = new File(['李明,E001,一店'], 'roster.csv', { type: 'text/csv' });
    await user.upload(screen.getByLabelText('花名册 CSV 文件'), file);
    expect(
      await screen.findByText('已导入 1 人，每人一个新的加入链接（见下表）。'),
    ).toBeInTheDocument();
    const sent = server.calls.find((call) => call.path.startsWith('/api/roster'));
    expect(sent?.path).toBe(`/api/roster?class=${encodeURIComponent('五月新员工班')}`);
    expect(sent?.headers['content-type']).toBe('text/csv');
    expect(sent?.body).toBe(file);
  });

  it('should copy every issued link, one person a line', async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    show(fakeServer({ signedIn: true }));
    await user.type(await screen.findByLabelText('或粘贴花名册'), '李明,E001,一店');
    await user.click(screen.getByRole('button', { name: '导入粘贴的花名册' }));
    await user.click(await screen.findByRole('button', { name: '复制全部链接' }));
    expect(await screen.findByText('已复制 1 个链接。')).toBeInTheDocument();
    expect(writeText).toHaveBeenCalledWith('李明\tE001\thttp://server/#/join/token-1');
  });

  it('should show the server’s matrix with a not-started person, the department rate and its CSV', async () => {
    show(fakeServer({ signedIn: true }), 'matrix');
    const chen = (await screen.findByRole('rowheader', { name: /陈静/ })).closest('tr')!;
    expect(within(chen).getAllByText('未开始')).toHaveLength(2);
    const li = screen.getByRole('rowheader', { name: /李明/ }).closest('tr')!;
    expect(within(li).getByText('86 ✓')).toBeInTheDocument();
    expect(within(li).getByText('未完成')).toBeInTheDocument();
    expect(screen.getByText('在册人数：2')).toBeInTheDocument();
    expect(screen.getByText(/一店.*25%/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '导出 CSV（Excel）' })).toHaveAttribute(
      'href',
      '/api/matrix.csv?locale=zh-CN',
    );
    expect(screen.getByRole('link', { name: '导出 Excel（XLSX）' })).toHaveAttribute(
      'href',
      '/api/matrix.xlsx?locale=zh-CN',
    );
    // The company's trend, pass rate and mean score per week, as a table where no canvas draws.
    expect(await screen.findByText('共 2 次作答')).toBeInTheDocument();
    expect(screen.getByRole('table', { name: '全公司：每周的通过率和平均分' })).toBeInTheDocument();
  });

  it('should save HR’s counted modes for the company and count them in the matrix and its files', async () => {
    const user = userEvent.setup();
    const server = fakeServer({ signedIn: true });
    show(server, 'matrix');
    const modes = await screen.findByRole('group', { name: '计入完成的模式' });
    expect(within(modes).getByLabelText('教练模式')).toBeChecked();
    await user.click(within(modes).getByLabelText('教练模式'));
    expect(await screen.findByText(/已保存为公司设置/)).toBeInTheDocument();
    const saved = server.calls.find((call) => call.path === '/api/settings/counted-modes');
    expect(saved).toMatchObject({
      method: 'PUT',
      body: { modes: ['exam', 'choice', 'observed'] },
      headers: { 'x-csrf-token': CSRF },
    });
    await waitFor(() =>
      expect(server.calls.map((call) => call.path)).toContain(
        '/api/matrix?modes=exam,choice,observed',
      ),
    );
    expect(screen.getByRole('link', { name: '导出 Excel（XLSX）' })).toHaveAttribute(
      'href',
      '/api/matrix.xlsx?locale=zh-CN&modes=exam,choice,observed',
    );
  });

  it('should let HR assign a scenario to a department and a person by a due date', async () => {
    const user = userEvent.setup();
    const server = fakeServer({ signedIn: true });
    show(server, 'assignments');
    expect(await screen.findByText('还没有培训任务。')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '布置' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('请选择截止日期。');
    await user.selectOptions(screen.getByLabelText('场景'), 'spin');
    await user.type(screen.getByLabelText('截止日期（当天结束前）'), '2026-12-20');
    await user.click(screen.getByRole('button', { name: '布置' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('请至少选择一个部门');
    expect(server.calls.some((call) => call.method === 'POST')).toBe(false);
    const departments = screen.getByRole('group', { name: '部门' });
    await user.click(within(departments).getByLabelText('二店'));
    await user.selectOptions(screen.getByLabelText('个人（可多选）'), ['11']);
    await user.click(screen.getByRole('button', { name: '布置' }));
    expect(await screen.findByText('已布置：需求探询，截止 2026-12-20。')).toBeInTheDocument();
    const sent = server.calls.find(
      (call) => call.path === '/api/assignments' && call.method === 'POST',
    );
    expect(sent?.headers['x-csrf-token']).toBe(CSRF);
    expect(sent?.body).toEqual({
      scenarioId: 'spin',
      modes: ['exam', 'observed'],
      dueAt: new Date(2026, 11, 20, 23, 59, 59).toISOString(),
      departments: ['二店'],
      stores: [],
      positions: [],
      personIds: [11],
    });
    const row = (await screen.findByRole('rowheader', { name: '需求探询' })).closest('tr')!;
    expect(within(row).getByText('1/3 通过（33%），1 人逾期')).toBeInTheDocument();
    expect(within(row).getByText('二店、陈静')).toBeInTheDocument();
  });

  it('should show an assignment’s status: each person’s state, groups, files and trend', async () => {
    const user = userEvent.setup();
    const server = fakeServer({ signedIn: true });
    show(server, 'assignments');
    await user.type(await screen.findByLabelText('截止日期（当天结束前）'), '2026-12-20');
    await user.click(
      within(screen.getByRole('group', { name: '门店' })).getByLabelText('上海一店'),
    );
    await user.click(screen.getByRole('button', { name: '布置' }));
    await user.click(await screen.findByRole('button', { name: '查看完成情况' }));
    const status = within(await screen.findByRole('region', { name: /完成情况：送货延误/ }));
    expect(
      status.getByText('共 3 人：已通过 1，进行中 0，未开始 1，已逾期 1；完成率 33%'),
    ).toBeInTheDocument();
    const people = within(status.getByRole('table', { name: '每个人' }));
    const stateOf = (name: string) =>
      within(people.getByRole('rowheader', { name: new RegExp(name) }).closest('tr')!).getAllByRole(
        'cell',
      )[0];
    expect(stateOf('李明')).toHaveTextContent('已通过');
    expect(stateOf('陈静')).toHaveTextContent('未开始');
    expect(stateOf('赵磊')).toHaveTextContent('已逾期');
    expect(status.getByRole('table', { name: '按门店' })).toHaveTextContent('上海一店');
    // The fake server's first new id.
    const id = 10;
    expect(status.getByRole('link', { name: '下载 Excel（XLSX）' })).toHaveAttribute(
      'href',
      `/api/assignments/${id}/status.xlsx?locale=zh-CN`,
    );
    expect(status.getByRole('link', { name: '下载 CSV' })).toHaveAttribute(
      'href',
      `/api/assignments/${id}/status.csv?locale=zh-CN`,
    );
    expect(await status.findByText('共 2 次作答')).toBeInTheDocument();
    expect(server.calls.map((call) => call.path)).toContain(
      `/api/trends?period=week&periods=12&assignment=${id}`,
    );
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    await user.click(screen.getByRole('button', { name: '删除' }));
    expect(await screen.findByText('还没有培训任务。')).toBeInTheDocument();
  });

  it('should show a trainer the assignments without the form or deleting', async () => {
    const trainer = { ...HR, id: 3, name: '赵老师', role: 'trainer', login: 'zhao' };
    show(fakeServer({ signedIn: true, person: trainer }), 'assignments');
    expect(await screen.findByText(/培训任务由人事或管理员布置/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '布置' })).not.toBeInTheDocument();
  });

  it('should add a trainer account, and keep what was typed when the login is taken', async () => {
    const user = userEvent.setup();
    const server = fakeServer({ signedIn: true });
    show(server, 'accounts');
    const role = await screen.findByLabelText('角色');
    // HR may add HR and trainers, not administrators.
    expect(
      within(role)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['培训师', '人事']);
    await user.type(screen.getByLabelText('账号'), 'zhao');
    await user.type(screen.getByLabelText('姓名'), '赵老师');
    await user.type(screen.getByLabelText('密码'), 'a long password');
    await user.click(screen.getByRole('button', { name: '添加' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('the login "zhao" is taken');
    expect(screen.getByLabelText('账号')).toHaveValue('zhao');
    await user.clear(screen.getByLabelText('账号'));
    await user.type(screen.getByLabelText('账号'), 'zhou');
    await user.click(screen.getByRole('button', { name: '添加' }));
    expect(await screen.findByText('已添加 赵老师（zhou）。')).toBeInTheDocument();
    expect(screen.getByLabelText('账号')).toHaveValue('');
    const added = server.calls.find(
      (call) => call.path === '/api/people' && call.method === 'POST' && call.body !== undefined,
    );
    expect(added?.headers['x-csrf-token']).toBe(CSRF);
    await waitFor(() =>
      expect(screen.getAllByRole('rowheader').map((cell) => cell.textContent)).toContain('赵老师'),
    );
    expect(screen.getByRole('cell', { name: 'zhou' })).toBeInTheDocument();
  });

  it('should go back to the sign-in, saying so, when the session ends meanwhile', async () => {
    const server = fakeServer({ signedIn: true });
    const { rerender } = show(server);
    expect(await screen.findByText('已登录：王经理（人事）')).toBeInTheDocument();
    server.endSession();
    rerender(<StaffPage view="matrix" api={server.api} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('登录已过期，请重新登录。');
    expect(screen.getByLabelText('账号')).toBeInTheDocument();
  });
});
