import { useT } from '../../components/i18n/use-t';
import type { ClassRecord, ClassRound } from '../../data/db';

/** Who plays which role in a round, group by group. */
export function AssignmentList({ record, round }: { record: ClassRecord; round: ClassRound }) {
  const t = useT();
  const nameOf = (id: string) => record.roster.find((entry) => entry.id === id)?.name ?? '?';
  return (
    <ul className="assignments">
      {round.assignments.map((roles) => {
        const group = t('class.group', {
          n: record.groups.findIndex((g) => g.id === roles.groupId) + 1,
        });
        return (
          <li key={roles.groupId}>
            {t('class.assignment', {
              group,
              customer: nameOf(roles.customer),
              rep: nameOf(roles.rep),
            })}
            {roles.observer !== undefined &&
              t('class.assignmentObserver', { observer: nameOf(roles.observer) })}
          </li>
        );
      })}
    </ul>
  );
}
