/**
 * Trends from the server's re-scored attempts: per day or week (UTC, weeks from Monday), how
 * many attempts in the counted modes, how many passed, the pass rate and the mean score — for
 * everyone the caller may see, one department, or one assignment (its scenario, its modes and
 * the people it targets). Periods without attempts are listed with zeros.
 */
import type { Mode } from '../core/scenario-schema';
import type { Queries } from './database';
import { TARGETED, type Assignment } from './assignments';
import { visiblePeople, type Role } from './people';

export type TrendPeriod = 'day' | 'week';

export interface TrendPoint {
  /** The period's first day, YYYY-MM-DD (UTC). */
  start: string;
  attempts: number;
  passed: number;
  /** passed / attempts, 0–1 (0 without attempts). */
  passRate: number;
  /** Mean score, one decimal; null without attempts. */
  meanScore: number | null;
}

export interface TrendQuery {
  period: TrendPeriod;
  /** How many periods back from the one holding `now` (that one included). */
  periods: number;
  now: number;
  modes: readonly Mode[];
  department?: string;
  assignment?: Assignment;
}

export async function trend(
  db: Queries,
  caller: { id: number; role: Role },
  query: TrendQuery,
): Promise<TrendPoint[]> {
  const assignment = query.assignment;
  const rows = await db.query<Omit<TrendPoint, 'passRate'>>(
    `with buckets as (
       select generate_series(
         date_trunc($2, to_timestamp($3 / 1000.0) at time zone 'UTC') - ($4::int - 1) * ('1 ' || $2)::interval,
         date_trunc($2, to_timestamp($3 / 1000.0) at time zone 'UTC'),
         ('1 ' || $2)::interval) as start
     ), picked as (
       select date_trunc($2, t.started_at at time zone 'UTC') as start, t.score, t.passed
       from attempts t join people p on p.id = t.person_id
       where t.mode = any($5::text[]) and ${visiblePeople(caller.role, 'p.id')}
         and ($6::text is null or p.department = $6)
         and ($7::bigint is null or (t.scenario_id = (select scenario_id from assignments
           where id = $7) and exists (select 1 from assignments a where a.id = $7 and ${TARGETED})))
         and t.started_at >= (select min(start) from buckets) at time zone 'UTC'
     )
     select to_char(b.start, 'YYYY-MM-DD') as start, count(k.start)::int as attempts,
       count(k.start) filter (where k.passed)::int as passed,
       round(avg(k.score), 1)::float8 as "meanScore"
     from buckets b left join picked k on k.start = b.start
     group by b.start order by b.start`,
    [
      caller.id,
      query.period,
      query.now,
      query.periods,
      assignment ? assignment.modes : query.modes,
      query.department ?? null,
      assignment?.id ?? null,
    ],
  );
  return rows.map((row) => ({
    ...row,
    passRate: row.attempts === 0 ? 0 : row.passed / row.attempts,
  }));
}
