/**
 * What scoring an attempt and its outbox depend on: the catalogue's revision
 * (published-catalog.ts) and the LRS settings (xapi-forwarder.ts), read in one round trip —
 * with the caller when the route can (authorise's `also` columns) — and a stamp that changes
 * whenever either does, for an insert to check the state it was scored with still holds.
 */
import type { Queries } from './database';
import { REVISION_VALUE } from './published-catalog';
import { LRS_SETTINGS_VALUE, type SettingsRow } from './xapi-forwarder';

export interface ScoringState {
  revision: number;
  /** Null when no LRS is set. */
  lrs: SettingsRow | null;
  /** The revision and when the LRS settings were last saved, as one text. */
  stamp: string;
}

/** The stamp of the state now, as a value for a query. */
export const STAMP_VALUE = `(${REVISION_VALUE}::text || '/' || coalesce((select updated_at::text from lrs_settings), 'none'))`;

/** The columns that read a ScoringState beside others (a leading comma included). */
export const SCORING_STATE_COLUMNS = `, ${REVISION_VALUE} as revision, ${LRS_SETTINGS_VALUE} as lrs, ${STAMP_VALUE} as stamp`;

/** The state on its own, for a route that read nothing with it. */
export async function readScoringState(db: Queries): Promise<ScoringState> {
  const [row] = await db.query<ScoringState>(`select true as read${SCORING_STATE_COLUMNS}`);
  return { revision: row?.revision ?? 0, lrs: row?.lrs ?? null, stamp: row?.stamp ?? '' };
}
