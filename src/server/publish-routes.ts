/**
 * Publishing: trainers and administrators publish scenario versions and company rule packs (the
 * YAML the app's authoring page writes), validated by the same src/core loaders as the app; a
 * broken file is refused with every problem by line and field, and nothing is stored. Joined
 * devices pull the newest published versions (GET /api/catalog, with an ETag so an unchanged
 * catalogue costs a 304).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { mergeCatalog } from '../core/catalog-layers';
import { loadScenarios } from '../core/scenario-loader';
import { formatLoadError, parseYaml, type LoadError } from '../core/yaml-source';
import type { Catalog } from './catalog';
import { recordAudit, type AuditActor } from './audit';
import type { Database } from './database';
import { authorise } from './identity';
import {
  additionsOf,
  latestPublished,
  revisionOf,
  type PublishedItem,
  type PublishedKind,
} from './published-catalog';

/** The largest YAML file accepted (the bundled scenarios are under 30 kB). */
const MAX_YAML_CHARS = 500_000;

/** The YAML a request carries: the body as sent (text/yaml, text/plain) or JSON {yaml}. */
function yamlOf(request: FastifyRequest): string | undefined {
  const body = request.body;
  const text = Buffer.isBuffer(body)
    ? body.toString('utf8')
    : typeof body === 'string'
      ? body
      : typeof body === 'object' &&
          body !== null &&
          typeof (body as { yaml?: unknown }).yaml === 'string'
        ? (body as { yaml: string }).yaml
        : undefined;
  return text === undefined || text.trim() === '' || text.length > MAX_YAML_CHARS
    ? undefined
    : text;
}

/** The name problems are reported under: ?file=, else what was published. */
function fileOf(request: FastifyRequest, fallback: string): string {
  const file = (request.query as { file?: unknown }).file;
  return typeof file === 'string' && /^[\w./@-]{1,200}$/.test(file) ? file : fallback;
}

function refused(file: string, errors: LoadError[]) {
  return {
    error: `${file} was not published: ${errors.length} problem(s), first ${formatLoadError(errors[0]!)}`,
    problems: errors,
  };
}

/** Stores a new version under a table lock, so two publishes never take the same version. */
async function store(
  db: Database,
  kind: PublishedKind,
  id: string,
  text: string,
  publishedBy: AuditActor,
  version: (latest: number) => number | string,
): Promise<{ version: number; revision: number } | { conflict: string }> {
  return db.transaction(async (tx) => {
    await tx.query('lock table published_items in share row exclusive mode');
    const [row] = await tx.query<{ latest: number }>(
      'select coalesce(max(version), 0)::int as latest from published_items where kind = $1 and item_id = $2',
      [kind, id],
    );
    const next = version(row?.latest ?? 0);
    if (typeof next === 'string') return { conflict: next };
    const [stored] = await tx.query<{ seq: number }>(
      `insert into published_items (kind, item_id, version, text, published_by)
       values ($1, $2, $3, $4, $5) returning seq::int as seq`,
      [kind, id, next, text, publishedBy.id],
    );
    await recordAudit(tx, publishedBy, `publish-${kind}`, { id, version: next });
    return { version: next, revision: stored!.seq };
  });
}

export function registerPublishRoutes(app: FastifyInstance, db: Database, catalog: Catalog): void {
  // A YAML file is sent as it was saved (UTF-8).
  app.addContentTypeParser(
    ['text/yaml', 'application/yaml', 'application/x-yaml'],
    { parseAs: 'string', bodyLimit: MAX_YAML_CHARS * 4 },
    (_request, body, done) => done(null, body),
  );

  app.post('/api/catalog/rule-packs', async (request, reply) => {
    const caller = await authorise(db, request, reply, ['admin', 'trainer']);
    if (!caller) return reply;
    const text = yamlOf(request);
    if (text === undefined)
      return reply
        .status(400)
        .send({ error: 'send the rule pack YAML (text/yaml, or JSON {"yaml": "…"})' });
    const file = fileOf(request, 'rule-pack.yaml');
    const data = parseYaml(text, file).data as { pack?: unknown } | undefined;
    const pack = typeof data?.pack === 'string' ? data.pack : '';
    // Checked with the bundled packs and the other published ones: shared word sets, unique ids.
    const others = (await latestPublished(db)).filter(
      (item) => !(item.kind === 'rule-pack' && item.id === pack),
    );
    const additions = additionsOf(others);
    const loaded = mergeCatalog(catalog.sources, {
      ...additions,
      rulePacks: [...additions.rulePacks, { pack, text, file }],
    });
    const errors = loaded.errors.filter((error) => error.file === file);
    if (errors.length > 0) return reply.status(400).send(refused(file, errors));
    const stored = await store(db, 'rule-pack', pack, text, caller, (latest) => latest + 1);
    return reply.status(201).send({ kind: 'rule-pack', id: pack, ...stored });
  });

  app.post('/api/catalog/scenarios', async (request, reply) => {
    const caller = await authorise(db, request, reply, ['admin', 'trainer']);
    if (!caller) return reply;
    const text = yamlOf(request);
    if (text === undefined)
      return reply
        .status(400)
        .send({ error: 'send the scenario YAML (text/yaml, or JSON {"yaml": "…"})' });
    const file = fileOf(request, 'scenario.yaml');
    const { scenarios, errors } = loadScenarios([{ file, text }]);
    const scenario = scenarios[0];
    if (errors.length > 0 || !scenario) return reply.status(400).send(refused(file, errors));
    const bundled = catalog.scenarioById(scenario.id)?.version ?? 0;
    const stored = await store(db, 'scenario', scenario.id, text, caller, (latest) => {
      const current = Math.max(bundled, latest);
      return scenario.version > current
        ? scenario.version
        : `scenario "${scenario.id}" version ${scenario.version} is not newer than the current version ${current}: raise "version" in the file`;
    });
    if ('conflict' in stored) return reply.status(409).send({ error: stored.conflict });
    return reply.status(201).send({ kind: 'scenario', id: scenario.id, ...stored });
  });

  /** The newest published version of each scenario and rule pack; 304 when the ETag still holds. */
  app.get('/api/catalog', async (request, reply) => {
    const caller = await authorise(db, request, reply, ['admin', 'hr', 'trainer', 'trainee']);
    if (!caller) return reply;
    const items = await latestPublished(db);
    const revision = revisionOf(items);
    const etag = `"catalog-${revision}"`;
    void reply.header('etag', etag).header('cache-control', 'no-cache');
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    const entry = ({ version, text, publishedAt }: PublishedItem) => ({
      version,
      text,
      publishedAt,
    });
    return {
      revision,
      rulePacks: items
        .filter((item) => item.kind === 'rule-pack')
        .map((item) => ({ pack: item.id, ...entry(item) })),
      scenarioVersions: items
        .filter((item) => item.kind === 'scenario')
        .map((item) => ({ scenarioId: item.id, ...entry(item) })),
    };
  });

  /** Every published version, newest first, with who published it (staff only). */
  app.get('/api/catalog/history', async (request, reply) => {
    const caller = await authorise(db, request, reply, ['admin', 'hr', 'trainer']);
    if (!caller) return reply;
    const versions = await db.query(
      `select i.kind, i.item_id as id, i.version, p.name as "publishedBy",
         (extract(epoch from i.published_at) * 1000)::bigint::float8 as "publishedAt"
       from published_items i join people p on p.id = i.published_by
       order by i.seq desc limit 1000`,
    );
    return { versions };
  });
}
