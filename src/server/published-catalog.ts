/**
 * The published catalogue: scenario versions and company rule packs trainers published, every
 * version kept (migration 004). The server scores with the bundled files and the newest
 * published version of each; the catalogue's revision (the newest row's seq) is read on each use,
 * so every server process on the database scores with the same catalogue as soon as it changes.
 */
import type { Analyzer } from '../core/analyzer';
import { mergeCatalog, publishedFile, type CatalogAdditions } from '../core/catalog-layers';
import type { Scenario } from '../core/scenario-schema';
import type { Catalog } from './catalog';
import type { Queries } from './database';

export type PublishedKind = 'scenario' | 'rule-pack';

/** The newest published version of one scenario or rule pack. */
export interface PublishedItem {
  kind: PublishedKind;
  id: string;
  version: number;
  text: string;
  publishedAt: number;
  seq: number;
}

/** What an attempt is scored with, and what it records of it. */
export interface ScoringCatalog {
  /** 0 when nothing was ever published (the bundled files only). */
  revision: number;
  /** The newest published versions it was built from (for building it again elsewhere). */
  items: readonly PublishedItem[];
  analyzer: Analyzer;
  scenarioById(id: string): Scenario | undefined;
  /** The published version of each company rule pack scored with: {"company": 3}. */
  rulePackVersions: Record<string, number>;
}

/** The newest version of every published scenario and rule pack. */
export async function latestPublished(db: Queries): Promise<PublishedItem[]> {
  return db.query<PublishedItem>(
    `select distinct on (kind, item_id) kind, item_id as id, version, text, seq::int as seq,
       (extract(epoch from published_at) * 1000)::bigint::float8 as "publishedAt"
     from published_items order by kind, item_id, version desc`,
  );
}

/** The revision of a set of newest versions: the newest row overall is the newest of its item. */
export function revisionOf(items: readonly PublishedItem[]): number {
  return items.reduce((newest, item) => Math.max(newest, item.seq), 0);
}

/** Published items as the loaders take them. */
export function additionsOf(items: readonly PublishedItem[]): CatalogAdditions {
  return {
    rulePacks: items
      .filter((item) => item.kind === 'rule-pack')
      .map((item) => ({
        pack: item.id,
        text: item.text,
        file: publishedFile(item.id, item.version),
      })),
    scenarioVersions: items
      .filter((item) => item.kind === 'scenario')
      .map((item) => ({
        scenarioId: item.id,
        version: item.version,
        text: item.text,
        file: publishedFile(item.id, item.version),
      })),
  };
}

/** The catalogue the bundled files and these newest published versions make (pure: no database). */
export function scoringCatalogOf(
  catalog: Pick<Catalog, 'analyzer' | 'scenarioById' | 'sources' | 'analyzerOver'>,
  items: readonly PublishedItem[],
): ScoringCatalog {
  const revision = revisionOf(items);
  if (revision === 0)
    return {
      revision,
      items: [],
      analyzer: catalog.analyzer,
      scenarioById: catalog.scenarioById,
      rulePackVersions: {},
    };
  // A file that no longer loads (after a server upgrade) is skipped, as at start.
  const loaded = mergeCatalog(catalog.sources, additionsOf(items));
  const byId = new Map(loaded.scenarios.map((scenario) => [scenario.id, scenario]));
  return {
    revision,
    items,
    analyzer: catalog.analyzerOver(loaded),
    scenarioById: (id) => byId.get(id),
    rulePackVersions: Object.fromEntries(
      items.filter((item) => item.kind === 'rule-pack').map((item) => [item.id, item.version]),
    ),
  };
}

/** The catalogue built for one revision, kept per database while the revision holds. */
const built = new WeakMap<Queries, ScoringCatalog>();

/** The catalogue's revision now, as a value for a query that reads more at once. */
export const REVISION_VALUE = '(select coalesce(max(seq), 0)::int from published_items)';

/**
 * The catalogue to score with at a revision just read (REVISION_VALUE): the bundled one with the
 * newest published versions over it, built again only when the revision changed.
 */
export async function scoringCatalogAt(
  db: Queries,
  catalog: Catalog,
  revision: number,
): Promise<ScoringCatalog> {
  if (revision === 0) return scoringCatalogOf(catalog, []);
  const cached = built.get(db);
  if (cached?.revision === revision) return cached;
  const scoring = scoringCatalogOf(catalog, await latestPublished(db));
  built.set(db, scoring);
  return scoring;
}

/** The catalogue to score with now, for a route that reads nothing else with the revision. */
export async function scoringCatalog(db: Queries, catalog: Catalog): Promise<ScoringCatalog> {
  const [row] = await db.query<{ revision: number }>(`select ${REVISION_VALUE} as revision`);
  return scoringCatalogAt(db, catalog, row?.revision ?? 0);
}
