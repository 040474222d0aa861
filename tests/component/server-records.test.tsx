/**
 * The staff pages' personal-data actions, audit log and LRS settings against a company server in
 * memory that answers as src/server does (the roles' limits included).
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { StaffPage } from '../../src/features/server-admin/staff-page';
import { StaffApi, type LrsSettings } from '../../src/features/server-admin/staff-api';
import type { StaffView } from '../../src/features/server-admin/staff-views';
import { useLocaleStore } from '../../src/stores/use-locale-store';

interface Call {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

const CSRF = 'csrf-of-the-session';
const SECRET_STORED = 'stored-secret';
const STAFF = {
  admin: { id: 1, name: '系统管理员', employeeNo: null, department: '', role: 'admin', login: 'a' },
  hr: { id: 2, name: '王经理', employeeNo: null, department: '', role: 'hr', login: 'hr' },
  trainer: { id: 3, name: '赵老师', employeeNo: null, department: '', role: 'trainer', login: 't' },
} as const;

function fakeServer(role: keyof typeof STAFF) {
  const calls: Call[] = [];
  const me = STAFF[role];
  const people = [
    me,
    { id: 10, name: '李明', employeeNo: 'E001', department: '一店', role: 'trainee', login: null },
    { id: 11, name: '陈静', employeeNo: 'E002', department: '一店', role: 'trainee', login: null },
  ];
  let lrs: LrsSettings & { secret?: string } = {
    configured: true,
    endpoint: 'https://lrs.corp.cn/xapi/',
    key: 'servicedojo',
    hasSecret: true,
    secret: SECRET_STORED,
  };
  let refuseNextSave = false;
  const audit = Array.from({ length: 3 }, (_, n) => ({
    id: 3 - n,
    at: '2026-12-04T08:00:00.000Z',
    actorName: n === 2 ? '' : '王经理',
    kind: (['person-delete', 'roster-import', 'staff-create'] as const)[n]!,
    detail: [{ personId: 12 }, { people: 2, skipped: 0 }, { login: 'a', role: 'admin' }][n]!,
  }));
  const json = (status: number, body?: unknown) =>
    new Response(body === undefined ? null : JSON.stringify(body), { status });
  const fetchImpl = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://server');
    const method = init.method ?? 'GET';
    const headers = { ...(init.headers as Record<string, string> | undefined) };
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    calls.push({ method, path: url.pathname + url.search, headers, body });
    const route = `${method} ${url.pathname}`;
    const governs = role === 'admin' || role === 'hr';
    if (route === 'GET /api/health') return json(200, { ok: true, database: 'embedded' });
    if (route === 'GET /api/session') return json(200, { person: me, csrfToken: CSRF });
    if (method !== 'GET' && headers['x-csrf-token'] !== CSRF)
      return json(403, { error: 'missing or wrong X-CSRF-Token header' });
    if (route === 'GET /api/people') return json(200, { people });
    const remove = /^DELETE \/api\/people\/(\d+)$/.exec(route);
    if (remove) {
      if (!governs) return json(403, { error: 'not allowed' });
      const at = people.findIndex((person) => person.id === Number(remove[1]));
      people.splice(at, 1);
      return json(204);
    }
    if (route === 'GET /api/audit') {
      if (!governs) return json(403, { error: 'not allowed' });
      const kind = url.searchParams.get('kind');
      const before = Number(url.searchParams.get('before') ?? Infinity);
      const shown = audit.filter((entry) => (!kind || entry.kind === kind) && entry.id < before);
      // Pages of two, so the older entries come with a second call.
      return json(200, {
        entries: shown.slice(0, 2),
        next: shown.length > 2 ? shown[1]!.id : null,
      });
    }
    if (url.pathname.startsWith('/api/xapi/') && role !== 'admin')
      return json(403, { error: 'not allowed' });
    if (route === 'GET /api/xapi/lrs') {
      const { secret: _secret, ...shown } = lrs;
      return json(200, shown);
    }
    if (route === 'PUT /api/xapi/lrs') {
      if (refuseNextSave) {
        refuseNextSave = false;
        return json(400, {
          error: 'endpoint: http:// is allowed only for this machine (loopback)',
        });
      }
      const saved = body as { endpoint: string; key: string; secret?: string };
      lrs = {
        configured: true,
        endpoint: saved.endpoint,
        key: saved.key,
        hasSecret: true,
        secret: saved.secret ?? lrs.secret,
      };
      const { secret: _secret, ...shown } = lrs;
      return json(200, shown);
    }
    if (route === 'GET /api/xapi/status')
      return json(200, {
        configured: true,
        queued: 3,
        sent: 5,
        failed: 2,
        paused: false,
        retryAt: null,
        lastError: null,
      });
    if (route === 'POST /api/xapi/retry-rejected') return json(200, { requeued: 2 });
    return json(404, { error: 'no such route' });
  });
  return {
    api: new StaffApi(fetchImpl as typeof fetch),
    calls,
    refuseNextSave: () => (refuseNextSave = true),
  };
}

function show(server: ReturnType<typeof fakeServer>, view: StaffView) {
  return render(<StaffPage view={view} api={server.api} />);
}

describe('personal data on the people page', () => {
  beforeEach(() => {
    useLocaleStore.setState({ locale: 'zh-CN' });
  });

  it('should give HR an export link per person and delete only after a confirmation naming them', async () => {
    const user = userEvent.setup();
    const server = fakeServer('hr');
    show(server, 'people');
    const exportLink = await screen.findByRole('link', { name: '导出数据：李明' });
    expect(exportLink).toHaveAttribute('href', '/api/people/10/export');

    await user.click(screen.getByRole('button', { name: '删除 李明' }));
    const dialog = screen.getByRole('alertdialog', { name: '删除 李明（工号 E001）？' });
    expect(dialog).toHaveTextContent('无法恢复');
    // Cancel has the focus and deletes nothing.
    expect(within(dialog).getByRole('button', { name: '取消' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: '取消' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(server.calls.some((call) => call.method === 'DELETE')).toBe(false);

    await user.click(screen.getByRole('button', { name: '删除 李明' }));
    await user.click(screen.getByRole('button', { name: '确认删除 李明' }));
    expect(await screen.findByText('已删除 李明 及其全部记录。')).toBeInTheDocument();
    const deletion = server.calls.find((call) => call.method === 'DELETE');
    expect(deletion).toMatchObject({ path: '/api/people/10', headers: { 'x-csrf-token': CSRF } });
    await waitFor(() =>
      expect(screen.queryByRole('rowheader', { name: '李明' })).not.toBeInTheDocument(),
    );
    expect(screen.getByRole('rowheader', { name: '陈静' })).toBeInTheDocument();
  });

  it('should give a trainer no export, delete, audit log or LRS settings', async () => {
    show(fakeServer('trainer'), 'people');
    expect(await screen.findByRole('rowheader', { name: '李明' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /导出/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /删除/ })).not.toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: '管理页面' });
    expect(within(nav).queryByRole('link', { name: '审计日志' })).not.toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: /LRS/ })).not.toBeInTheDocument();
  });
});

describe('the audit log page', () => {
  beforeEach(() => {
    useLocaleStore.setState({ locale: 'zh-CN' });
  });

  it('should list entries newest first, page to older ones and filter by kind', async () => {
    const user = userEvent.setup();
    const server = fakeServer('hr');
    show(server, 'audit');
    const nav = await screen.findByRole('navigation', { name: '管理页面' });
    expect(within(nav).getByRole('link', { name: '审计日志' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(within(nav).queryByRole('link', { name: /LRS/ })).not.toBeInTheDocument();
    const table = await screen.findByRole('table');
    const rows = () => within(table).getAllByRole('row').slice(1);
    expect(rows().map((row) => row.textContent)).toEqual([
      expect.stringMatching(/王经理删除个人数据personId: 12$/),
      expect.stringMatching(/王经理导入名单people: 2, skipped: 0$/),
    ]);
    await user.click(screen.getByRole('button', { name: '更早的记录' }));
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows()[2]).toHaveTextContent('服务器命令添加员工账号login: a, role: admin');
    expect(screen.queryByRole('button', { name: '更早的记录' })).not.toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('类型'), '删除个人数据');
    await waitFor(() =>
      expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(2),
    );
    expect(server.calls.at(-1)?.path).toBe('/api/audit?kind=person-delete');
  });
});

describe('the LRS settings page', () => {
  beforeEach(() => {
    useLocaleStore.setState({ locale: 'zh-CN' });
  });

  it('should show the settings with the secret only as "set", and the forwarding counts', async () => {
    show(fakeServer('admin'), 'lrs');
    expect(await screen.findByLabelText('端点地址')).toHaveValue('https://lrs.corp.cn/xapi/');
    expect(screen.getByLabelText('账号（key）')).toHaveValue('servicedojo');
    const secret = screen.getByLabelText('密钥（secret）');
    expect(secret).toHaveValue('');
    expect(secret).toHaveAccessibleDescription('已设置（不显示）。留空则保留原密钥。');
    expect(document.body).not.toHaveTextContent(SECRET_STORED);
    expect((await screen.findByText('排队中')).nextSibling).toHaveTextContent('3');
    expect(screen.getByText('已发送').nextSibling).toHaveTextContent('5');
    expect(screen.getByText('被拒收').nextSibling).toHaveTextContent('2');
  });

  it('should refuse a bad address before sending, and keep everything typed when the server refuses', async () => {
    const user = userEvent.setup();
    const server = fakeServer('admin');
    show(server, 'lrs');
    const endpoint = await screen.findByLabelText('端点地址');
    await user.clear(endpoint);
    await user.type(endpoint, 'lrs.corp.cn/xapi');
    await user.type(screen.getByLabelText('密钥（secret）'), 'new-secret');
    await user.click(screen.getByRole('button', { name: '保存设置' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '端点地址：请填写以 https:// 开头的完整网址',
    );
    expect(endpoint).toHaveAttribute('aria-invalid', 'true');
    expect(server.calls.some((call) => call.method === 'PUT')).toBe(false);

    await user.clear(endpoint);
    await user.type(endpoint, 'http://lrs.corp.cn/xapi/');
    server.refuseNextSave();
    await user.click(screen.getByRole('button', { name: '保存设置' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '服务器回答：endpoint: http:// is allowed only for this machine',
    );
    expect(endpoint).toHaveValue('http://lrs.corp.cn/xapi/');
    expect(screen.getByLabelText('密钥（secret）')).toHaveValue('new-secret');
  });

  it('should save without a secret to keep the stored one, send a new one once, and retry rejected statements', async () => {
    const user = userEvent.setup();
    const server = fakeServer('admin');
    show(server, 'lrs');
    const key = await screen.findByLabelText('账号（key）');
    await user.clear(key);
    await user.type(key, 'new-key');
    await user.click(screen.getByRole('button', { name: '保存设置' }));
    expect(await screen.findByText('设置已保存。')).toBeInTheDocument();
    const puts = () => server.calls.filter((call) => call.method === 'PUT');
    expect(puts()[0]).toMatchObject({
      body: { endpoint: 'https://lrs.corp.cn/xapi/', key: 'new-key' },
      headers: { 'x-csrf-token': CSRF },
    });
    expect(puts()[0]!.body).not.toHaveProperty('secret');

    await user.type(screen.getByLabelText('密钥（secret）'), 'rotated-secret');
    await user.click(screen.getByRole('button', { name: '保存设置' }));
    await waitFor(() => expect(puts()).toHaveLength(2));
    expect(puts()[1]!.body).toMatchObject({ secret: 'rotated-secret' });
    await waitFor(() => expect(screen.getByLabelText('密钥（secret）')).toHaveValue(''));

    await user.click(screen.getByRole('button', { name: '重发被拒收的记录' }));
    expect(await screen.findByText('已重新排队 2 条记录。')).toBeInTheDocument();
    expect(server.calls.some((call) => call.path === '/api/xapi/retry-rejected')).toBe(true);
  });
});
