/**
 * A joined device's copy of its company's published catalogue: pulled from the server when
 * online (asking with the last ETag, so an unchanged catalogue costs a 304), kept in IndexedDB
 * for offline use, and loaded into the catalogue store beside the bundled files, where the
 * library and the analyzer take it as they take a trainer's saved packs and versions.
 */
import { z } from 'zod';
import { database, type PublishedCatalogRecord } from '../../data/db';
import { publishedFromRecord, useCatalogStore } from '../../stores/use-catalog-store';
import { withdrawLink } from './link-withdrawn';

const versionSchema = z.number().int().min(1);

/** GET /api/catalog: checked before it replaces what this device keeps. */
const pulledCatalogSchema = z.object({
  revision: z.number().int().min(0),
  rulePacks: z.array(
    z.object({ pack: z.string().min(1), version: versionSchema, text: z.string() }),
  ),
  scenarioVersions: z.array(
    z.object({ scenarioId: z.string().min(1), version: versionSchema, text: z.string() }),
  ),
});

export type PullOutcome = 'changed' | 'unchanged' | 'not-joined' | 'unreachable';

/** Asks the server for its published catalogue; keeps and applies it when it changed. */
export async function pullCatalog(
  fetchImpl: typeof fetch = fetch,
  now: () => number = Date.now,
): Promise<PullOutcome> {
  const db = database();
  const link = await db.serverLink.get('me');
  if (!link || link.withdrawnAt !== undefined) return 'not-joined';
  const kept = await db.publishedCatalog.get('current');
  let response: Response;
  try {
    response = await fetchImpl('/api/catalog', {
      headers: {
        authorization: `Bearer ${link.deviceToken}`,
        ...(kept ? { 'if-none-match': kept.etag } : {}),
      },
    });
  } catch {
    return 'unreachable';
  }
  if (response.status === 304) return 'unchanged';
  if (response.status === 401) {
    // The server no longer knows this device: the copy kept here stays, nothing more is asked.
    await withdrawLink(now());
    return 'not-joined';
  }
  if (!response.ok) return 'unreachable';
  const body = pulledCatalogSchema.safeParse(await response.json().catch(() => undefined));
  // A reply this app cannot read keeps the copy it has.
  if (!body.success) return 'unreachable';
  const record: PublishedCatalogRecord = {
    id: 'current',
    ...body.data,
    etag: response.headers.get('etag') ?? '',
    pulledAt: now(),
  };
  await db.publishedCatalog.put(record);
  useCatalogStore.getState().applyPublished(publishedFromRecord(record));
  return 'changed';
}
