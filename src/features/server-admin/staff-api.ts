/**
 * The company server's staff API as the staff pages call it: the session cookie goes by itself
 * (same origin, HttpOnly), and every write carries the session's CSRF token. A failed call
 * throws a StaffApiError with the server's own message, so the page can show it.
 */
import type { AuditKind } from '../../core/audit-kinds';
import type { RosterProblem } from '../../core/roster-csv';
import type { Mode } from '../../core/scenario-schema';

export type StaffRole = 'admin' | 'hr' | 'trainer';
export type Role = StaffRole | 'trainee';

export interface ServerPerson {
  id: number;
  name: string;
  employeeNo: string | null;
  department: string;
  role: Role;
  login: string | null;
  /** Whether a device has joined with one of their links (GET /api/people). */
  joined?: boolean;
}

export interface JoinLink {
  joinUrl: string;
  joinExpiresAt: string;
}

export interface RosterImport {
  people: (ServerPerson & JoinLink)[];
  problems: RosterProblem[];
}

export interface ServerMatrixCell {
  best: number;
  passed: boolean;
  attempts: number;
}

type Title = { 'zh-CN': string; en: string };

/** GET /api/matrix as the server answers it (src/server/matrix-routes.ts). */
export interface ServerMatrix {
  countedModes: Mode[];
  scenarios: { id: string; title: Title }[];
  people: {
    id: number;
    name: string;
    employeeNo: string;
    department: string;
    cells: Record<string, ServerMatrixCell>;
    /** Scenarios finished only in modes that do not count. */
    practised: string[];
  }[];
  headcount: number;
  byScenario: { scenarioId: string; started: number; passed: number; passRate: number }[];
  byDepartment: { department: string; headcount: number; passRate: number }[];
}

export type AssignmentState = 'not-started' | 'in-progress' | 'passed' | 'overdue';

/** What an assignment is given (POST /api/assignments; src/server/assignment-routes.ts). */
export interface NewAssignment {
  scenarioId: string;
  modes: Mode[];
  /** ISO time it is due by. */
  dueAt: string;
  departments: string[];
  stores: string[];
  positions: string[];
  personIds: number[];
}

export interface Assignment extends Omit<NewAssignment, 'dueAt'> {
  id: number;
  dueAt: number;
  createdAt: number;
}

interface GroupStatus {
  headcount: number;
  counts: Record<AssignmentState, number>;
  passRate: number;
}

export type ListedAssignment = Assignment & GroupStatus;

export interface AssignmentStatus extends GroupStatus {
  assignment: Assignment;
  people: {
    id: number;
    name: string;
    employeeNo: string;
    department: string;
    store: string;
    position: string;
    state: AssignmentState;
    best: number | null;
    attempts: number;
    passedAt: number | null;
    late: boolean;
  }[];
  byDepartment: (GroupStatus & { department: string })[];
  byStore: (GroupStatus & { store: string })[];
}

export interface AssignmentTargets {
  scenarios: { id: string; title: Title }[];
  departments: string[];
  stores: string[];
  positions: string[];
  people: { id: number; name: string; employeeNo: string; department: string }[];
}

export interface TrendQuery {
  period: 'week' | 'day';
  periods?: number;
  department?: string;
  assignment?: number;
  modes?: readonly Mode[];
}

export interface TrendPoint {
  start: string;
  attempts: number;
  passed: number;
  passRate: number;
  meanScore: number | null;
}

export interface NewStaff {
  login: string;
  name: string;
  role: StaffRole;
  password: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorName: string;
  kind: AuditKind;
  detail: Record<string, unknown>;
}

/** GET /api/audit: a page, newest first; `next` asks for the older ones. */
export interface AuditPage {
  entries: AuditEntry[];
  next: number | null;
}

/** GET /api/xapi/lrs: the LRS settings without the secret (only whether one is set). */
export type LrsSettings =
  | { configured: false }
  | {
      configured: true;
      endpoint: string;
      key: string;
      activityBase?: string;
      homePage?: string;
      hasSecret: boolean;
    };

/** PUT /api/xapi/lrs: without `secret` the stored one is kept. */
export interface LrsSettingsInput {
  endpoint: string;
  key: string;
  secret?: string;
  activityBase?: string;
  homePage?: string;
}

/** GET /api/xapi/status (src/server/xapi-forwarder.ts). */
export interface XapiStatus {
  configured: boolean;
  queued: number;
  sent: number;
  failed: number;
  paused: boolean;
  retryAt: string | null;
  lastError: { message: string; at: string } | null;
}

/** What the sign-in page needs to know before anyone signs in. */
export type SessionState =
  | { kind: 'no-server' }
  | { kind: 'signed-out'; firstRun: boolean }
  | { kind: 'signed-in'; person: ServerPerson; csrfToken: string };

export class StaffApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: RosterProblem[] = [],
  ) {
    super(message);
  }
}

async function failure(response: Response): Promise<StaffApiError> {
  const body = (await response.json().catch(() => ({}))) as {
    error?: string;
    problems?: RosterProblem[];
  };
  return new StaffApiError(response.status, body.error ?? `HTTP ${response.status}`, body.problems);
}

export class StaffApi {
  private csrfToken = '';

  constructor(private readonly fetchImpl: typeof fetch = (...args) => fetch(...args)) {}

  private async call<T>(method: string, path: string, body?: BodyInit, type?: string): Promise<T> {
    const headers: Record<string, string> = {};
    if (type) headers['content-type'] = type;
    if (method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    const response = await this.fetchImpl(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body }),
    });
    if (!response.ok) throw await failure(response);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  private json<T>(method: string, path: string, body: unknown): Promise<T> {
    return this.call<T>(method, path, JSON.stringify(body), 'application/json');
  }

  /** Whether the app is served by a company server, and who is signed in there. */
  async session(): Promise<SessionState> {
    let health: Response;
    try {
      health = await this.fetchImpl('/api/health');
    } catch {
      return { kind: 'no-server' };
    }
    const healthy = (await health.json().catch(() => undefined)) as { ok?: boolean } | undefined;
    if (!health.ok || healthy?.ok !== true) return { kind: 'no-server' };
    const response = await this.fetchImpl('/api/session', { credentials: 'same-origin' });
    const body = (await response.json().catch(() => ({}))) as {
      person?: ServerPerson;
      csrfToken?: string;
      firstRun?: boolean;
    };
    if (response.ok && body.person && body.csrfToken) {
      this.csrfToken = body.csrfToken;
      return { kind: 'signed-in', person: body.person, csrfToken: body.csrfToken };
    }
    return { kind: 'signed-out', firstRun: body.firstRun === true };
  }

  async signIn(login: string, password: string): Promise<ServerPerson> {
    const { person, csrfToken } = await this.json<{ person: ServerPerson; csrfToken: string }>(
      'POST',
      '/api/session',
      { login, password },
    );
    this.csrfToken = csrfToken;
    return person;
  }

  async signOut(): Promise<void> {
    await this.call('DELETE', '/api/session');
    this.csrfToken = '';
  }

  async people(): Promise<ServerPerson[]> {
    return (await this.call<{ people: ServerPerson[] }>('GET', '/api/people')).people;
  }

  /** A roster as pasted text, or as the file's bytes (the server decodes UTF-8 or GB18030). */
  importRoster(roster: string | Blob, className?: string): Promise<RosterImport> {
    if (typeof roster === 'string')
      return this.json('POST', '/api/roster', { csv: roster, ...(className ? { className } : {}) });
    const query = className ? `?class=${encodeURIComponent(className)}` : '';
    return this.call('POST', `/api/roster${query}`, roster, 'text/csv');
  }

  /** A new one-time join link for a trainee; their unused earlier link stops working. */
  joinLink(personId: number): Promise<JoinLink & { person: ServerPerson }> {
    return this.call('POST', `/api/people/${personId}/join-link`);
  }

  /** The matrix counting `modes` (the company's setting when not given). */
  matrix(modes?: readonly Mode[]): Promise<ServerMatrix> {
    return this.call('GET', `/api/matrix${modesQuery(modes, '?')}`);
  }

  /** Saves the company's counted modes (HR and administrators). */
  async saveCountedModes(modes: readonly Mode[]): Promise<Mode[]> {
    return (await this.json<{ modes: Mode[] }>('PUT', '/api/settings/counted-modes', { modes }))
      .modes;
  }

  async assignments(): Promise<ListedAssignment[]> {
    return (await this.call<{ assignments: ListedAssignment[] }>('GET', '/api/assignments'))
      .assignments;
  }

  assignmentTargets(): Promise<AssignmentTargets> {
    return this.call('GET', '/api/assignments/targets');
  }

  createAssignment(assignment: NewAssignment): Promise<Assignment> {
    return this.json('POST', '/api/assignments', assignment);
  }

  async deleteAssignment(id: number): Promise<void> {
    await this.call('DELETE', `/api/assignments/${id}`);
  }

  assignmentStatus(id: number): Promise<AssignmentStatus> {
    return this.call('GET', `/api/assignments/${id}`);
  }

  async trend(query: TrendQuery): Promise<TrendPoint[]> {
    const params = new URLSearchParams({ period: query.period });
    if (query.periods) params.set('periods', String(query.periods));
    if (query.department) params.set('department', query.department);
    if (query.assignment !== undefined) params.set('assignment', String(query.assignment));
    if (query.modes) params.set('modes', query.modes.join(','));
    return (await this.call<{ points: TrendPoint[] }>('GET', `/api/trends?${params}`)).points;
  }

  addStaff(staff: NewStaff): Promise<ServerPerson> {
    return this.json('POST', '/api/people', staff);
  }

  /** Deletes a trainee and everything the server holds on them. */
  async deletePerson(personId: number): Promise<void> {
    await this.call('DELETE', `/api/people/${personId}`);
  }

  audit(kind?: AuditKind, before?: number): Promise<AuditPage> {
    const query = new URLSearchParams();
    if (kind) query.set('kind', kind);
    if (before !== undefined) query.set('before', String(before));
    const search = query.toString();
    return this.call('GET', `/api/audit${search ? `?${search}` : ''}`);
  }

  lrsSettings(): Promise<LrsSettings> {
    return this.call('GET', '/api/xapi/lrs');
  }

  saveLrsSettings(settings: LrsSettingsInput): Promise<LrsSettings> {
    return this.json('PUT', '/api/xapi/lrs', settings);
  }

  xapiStatus(): Promise<XapiStatus> {
    return this.call('GET', '/api/xapi/status');
  }

  async retryRejected(): Promise<number> {
    return (await this.call<{ requeued: number }>('POST', '/api/xapi/retry-rejected')).requeued;
  }
}

/** Everything the server holds on a person, as a JSON file (the session cookie goes along). */
export function personExportHref(personId: number): string {
  return `/api/people/${personId}/export`;
}

function modesQuery(modes: readonly Mode[] | undefined, lead: '?' | '&'): string {
  return modes ? `${lead}modes=${modes.join(',')}` : '';
}

const localeQuery = (locale: 'zh-CN' | 'en') => `locale=${locale === 'en' ? 'en' : 'zh-CN'}`;

/** The matrix as a CSV or XLSX file for Excel, straight from the server (the session cookie goes along). */
export function matrixFileHref(
  format: 'csv' | 'xlsx',
  locale: 'zh-CN' | 'en',
  modes?: readonly Mode[],
): string {
  return `/api/matrix.${format}?${localeQuery(locale)}${modesQuery(modes, '&')}`;
}

/** An assignment's status, a row per person, as a CSV or XLSX file. */
export function assignmentFileHref(id: number, format: 'csv' | 'xlsx', locale: 'zh-CN' | 'en') {
  return `/api/assignments/${id}/status.${format}?${localeQuery(locale)}`;
}
