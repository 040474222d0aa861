import { useState, useSyncExternalStore } from 'react';
import { getLmsProblem, subscribeLmsProblem } from '../../lms/lms-status';
import { useT } from '../i18n/use-t';

/** Inside an LMS: says plainly when the LMS did not keep the result, with a way to try again. */
export function LmsBanner() {
  const t = useT();
  const problem = useSyncExternalStore(subscribeLmsProblem, getLmsProblem, getLmsProblem);
  const [stillRefused, setStillRefused] = useState(false);
  if (!problem) return null;
  return (
    <div role="alert" className="status-banner">
      {t('lms.notSaved', { code: problem.code || '—' })}{' '}
      <button type="button" onClick={() => setStillRefused(!problem.retry())}>
        {t('lms.retry')}
      </button>
      {stillRefused && ` ${t('lms.stillRefused')}`}
    </div>
  );
}
