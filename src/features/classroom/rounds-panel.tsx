import { useState } from 'react';
import { useT } from '../../components/i18n/use-t';
import { DEFAULT_ROUND_MINUTES, nextRound, planRound, roundClock } from '../../data/class-rounds';
import type { RoleAssignment } from '../../data/db';
import { useClassroomStore } from '../../stores/use-classroom-store';
import { AssignmentList } from './assignment-list';
import { RoundTimer } from './round-timer';
import { useNow } from './use-now';

/** Rounds: length, start, end, and the next round with roles swapped. */
export function RoundsPanel({
  clock = Date.now,
  onTypeRolePlay,
}: {
  clock?: () => number;
  onTypeRolePlay: (roles: RoleAssignment) => void;
}) {
  const t = useT();
  const record = useClassroomStore((state) => state.record);
  const update = useClassroomStore((state) => state.update);
  const [minutes, setMinutes] = useState(DEFAULT_ROUND_MINUTES);
  const now = useNow(clock, 1000);
  if (!record || record.groups.length === 0) return null;
  const round = record.rounds[record.rounds.length - 1];

  const changeLast = (change: (r: NonNullable<typeof round>) => NonNullable<typeof round>) =>
    void update((current) => ({
      ...current,
      rounds: current.rounds.map((r, i) => (i === current.rounds.length - 1 ? change(r) : r)),
    }));

  return (
    <section className="panel" aria-labelledby="rounds-heading">
      <h2 id="rounds-heading">{t('class.rounds')}</h2>
      {!round ? (
        <>
          <label>
            {t('class.duration')}
            <input
              type="number"
              min={1}
              max={120}
              value={minutes}
              onChange={(event) => setMinutes(Math.max(1, Number(event.target.value) || 1))}
            />
          </label>
          <button
            type="button"
            onClick={() =>
              void update((current) => ({
                ...current,
                rounds: [planRound(current.groups, 1, minutes)],
              }))
            }
          >
            {t('class.planFirst')}
          </button>
        </>
      ) : (
        <>
          <RoundTimer round={round} clock={clock} />
          <AssignmentList record={record} round={round} />
          <div className="actions">
            {round.startedAt === undefined && (
              <button
                type="button"
                onClick={() => changeLast((r) => ({ ...r, startedAt: clock() }))}
              >
                {t('class.start')}
              </button>
            )}
            {roundClock(round, now).phase === 'running' && (
              <button type="button" onClick={() => changeLast((r) => ({ ...r, endedAt: clock() }))}>
                {t('class.end')}
              </button>
            )}
            <button
              type="button"
              onClick={() =>
                void update((current) => ({
                  ...current,
                  rounds: [...current.rounds, nextRound(current.groups, current.rounds)],
                }))
              }
            >
              {t('class.swap')}
            </button>
          </div>
          <div className="actions">
            {round.assignments.map((roles) => (
              <button key={roles.groupId} type="button" onClick={() => onTypeRolePlay(roles)}>
                {t('class.typeIt', {
                  group: t('class.group', {
                    n: record.groups.findIndex((g) => g.id === roles.groupId) + 1,
                  }),
                })}
              </button>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
