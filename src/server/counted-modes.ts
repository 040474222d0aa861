/**
 * Which modes count for completion on the server: a company setting HR keeps (all modes until
 * HR chooses, as the server counted before there was a setting), which a request may override
 * with `?modes=exam,choice` — the same choice the app's own matrix offers (core/counting-policy.ts).
 */
import { z } from 'zod';
import { MODES, type Mode } from '../core/scenario-schema';
import type { Queries } from './database';

const SETTING_KEY = 'completionModes';

export const countedModesSchema = z
  .array(z.enum(MODES))
  .min(1, 'at least one mode')
  .transform((modes) => MODES.filter((mode) => modes.includes(mode)));

/** The company's counted modes (every mode while none is saved or the saved value is unreadable). */
export async function companyCountedModes(db: Queries): Promise<Mode[]> {
  const [row] = await db.query<{ value: unknown }>(
    'select value from company_settings where key = $1',
    [SETTING_KEY],
  );
  const parsed = countedModesSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : [...MODES];
}

export async function saveCompanyCountedModes(
  db: Queries,
  modes: readonly Mode[],
  by: number,
): Promise<void> {
  await db.query(
    `insert into company_settings (key, value, updated_by) values ($1, $2, $3)
     on conflict (key) do update set value = excluded.value, updated_by = excluded.updated_by,
       updated_at = now()`,
    [SETTING_KEY, JSON.stringify(modes), by],
  );
}

/**
 * The modes a request counts: `?modes=exam,choice` when given, else the company's setting;
 * a string naming an unknown mode is answered with what is wrong.
 */
export async function requestCountedModes(
  db: Queries,
  query: unknown,
): Promise<{ modes: Mode[] } | { error: string }> {
  const given = (query as { modes?: unknown } | undefined)?.modes;
  if (given === undefined || given === '') return { modes: await companyCountedModes(db) };
  const parsed = countedModesSchema.safeParse(String(given).split(','));
  if (!parsed.success)
    return { error: `modes: one or more of ${MODES.join(', ')}, separated by commas` };
  return { modes: parsed.data };
}
