/**
 * A joined device pulls its company's published catalogue: kept in IndexedDB, applied to the
 * catalogue store (so the library and the analyzer use it), asked again with its ETag, and still
 * there offline after a restart.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { catalogFiles } from '../../../src/app/catalog-files';
import { database, ServiceDojoDb, useDatabase } from '../../../src/data/db';
import {
  addCompanyRule,
  COMPANY_RULE_DEFAULTS,
  EMPTY_COMPANY_PACK,
} from '../../../src/features/authoring/company-pack';
import { pullCatalog } from '../../../src/features/server-link/catalog-pull';
import { joinServer } from '../../../src/features/server-link/server-sync';
import { useCatalogStore } from '../../../src/stores/use-catalog-store';
import { call, staff, startTestServer, type As, type TestServer } from '../server/harness';

let server: TestServer;
let trainer: As;
let links: string[];

const PHRASE = '这是公司规定';
const REPLY = `非常抱歉，${PHRASE}，我也没办法。`;

/** fetch answered by the in-process server, headers both ways; `online` false fails like a dropped network. */
function fetchVia(app: FastifyInstance, state: { online: boolean; calls: number }): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    state.calls += 1;
    if (!state.online) throw new TypeError('Failed to fetch');
    const response = await app.inject({
      method: (init?.method ?? 'GET') as 'GET' | 'POST',
      url: String(input),
      headers: init?.headers as Record<string, string>,
      ...(init?.body ? { payload: init.body as string } : {}),
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers))
      if (typeof value === 'string') headers.set(name, value);
    return new Response(response.statusCode === 304 ? null : response.body, {
      status: response.statusCode,
      headers,
    });
  }) as typeof fetch;
}

async function publish(text: string): Promise<number> {
  const response = await server.app.inject({
    method: 'POST',
    url: '/api/catalog/rule-packs',
    headers: { ...trainer.headers, 'content-type': 'text/yaml' },
    cookies: trainer.cookies,
    payload: text,
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ version: number }>().version;
}

/** The rule ids the app's analyzer fires on the reply. */
function firedRules(): string[] {
  const analyzer = useCatalogStore.getState().analyzer!;
  return analyzer.analyze(REPLY).spans.map((span) => span.ruleId);
}

beforeAll(async () => {
  server = await startTestServer();
  trainer = await staff(server, 'trainer', 'trainer');
  const roster = await call(server.app, trainer, 'POST', '/api/roster', {
    csv: '李明,E001,客服部\n王芳,E002,客服部\n',
    className: '一班',
  });
  links = roster.json().people.map((person: { joinUrl: string }) => person.joinUrl);
}, 60_000);

afterAll(async () => {
  await server?.close();
});

beforeEach(() => {
  useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
  useCatalogStore.setState({
    published: { rulePacks: [], scenarioVersions: [], rulePackVersions: {} },
  });
  useCatalogStore.getState().load(catalogFiles);
});

const tokenOf = (url: string) => url.split('/#/join/')[1]!;

describe('pullCatalog', () => {
  it('should pull nothing before the device joined', async () => {
    const network = { online: true, calls: 0 };
    expect(await pullCatalog(fetchVia(server.app, network))).toBe('not-joined');
    expect(network.calls).toBe(0);
  });

  it('should score with a published company rule, ask with its ETag, and keep it offline', async () => {
    const network = { online: true, calls: 0 };
    const fetchImpl = fetchVia(server.app, network);
    expect((await joinServer(tokenOf(links[0]!), fetchImpl)).ok).toBe(true);
    expect(firedRules()).not.toContain('company.forbidden-1');

    const version = await publish(
      addCompanyRule(EMPTY_COMPANY_PACK, {
        kind: 'forbidden',
        phrase: PHRASE,
        message: '不要拿公司规定搪塞客户',
        messageEn: 'Do not hide behind company policy',
        better: '我来看看能为您做些什么',
        betterEn: 'Let me see what I can do for you',
        example: `${PHRASE}，我也没办法。`,
        ...COMPANY_RULE_DEFAULTS.forbidden,
      }),
    );
    expect(await pullCatalog(fetchImpl)).toBe('changed');
    expect(firedRules()).toContain('company.forbidden-1');
    expect(useCatalogStore.getState().published.rulePackVersions).toEqual({ company: version });
    expect(await database().publishedCatalog.get('current')).toMatchObject({
      rulePacks: [{ pack: 'company', version }],
    });

    // Unchanged: a 304, the copy kept.
    expect(await pullCatalog(fetchImpl)).toBe('unchanged');
    // Offline after a restart: the kept copy is loaded from IndexedDB.
    network.online = false;
    expect(await pullCatalog(fetchImpl)).toBe('unreachable');
    useCatalogStore.setState({
      published: { rulePacks: [], scenarioVersions: [], rulePackVersions: {} },
    });
    useCatalogStore.getState().applyCustom({ rulePacks: [], scenarioVersions: [] });
    expect(firedRules()).not.toContain('company.forbidden-1');
    await useCatalogStore.getState().loadCustom();
    expect(firedRules()).toContain('company.forbidden-1');
  }, 60_000);

  it('should show a published scenario version in the library', async () => {
    const network = { online: true, calls: 0 };
    const fetchImpl = fetchVia(server.app, network);
    expect((await joinServer(tokenOf(links[1]!), fetchImpl)).ok).toBe(true);
    const bundled = catalogFiles.scenarios.find((file) =>
      file.file.endsWith('complaint-late-delivery.yaml'),
    )!.text;
    const newer = bundled
      .replace(/^version: 1$/m, 'version: 2')
      .replace('沙发迟到两周', '沙发迟到三周');
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/catalog/scenarios',
      headers: { ...trainer.headers, 'content-type': 'text/yaml' },
      cookies: trainer.cookies,
      payload: newer,
    });
    expect(response.statusCode).toBe(201);
    expect(await pullCatalog(fetchImpl)).toBe('changed');
    const scenario = useCatalogStore.getState().scenarioById('complaint-late-delivery');
    expect(scenario).toMatchObject({ version: 2, title: { 'zh-CN': '沙发迟到三周' } });
  }, 60_000);
});
