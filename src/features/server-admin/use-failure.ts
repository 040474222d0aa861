import { useT } from '../../components/i18n/use-t';
import { StaffApiError } from './staff-api';

/**
 * How a panel reports a failed call: a session that ended (401) goes back to the sign-in;
 * anything else becomes the server's message, shown in the panel.
 */
export function useFailure(onSessionEnded: () => void): (failure: unknown) => string {
  const t = useT();
  return (failure) => {
    if (failure instanceof StaffApiError && failure.status === 401) {
      onSessionEnded();
      return '';
    }
    const message = failure instanceof Error ? failure.message : String(failure);
    return t('staff.error', { message });
  };
}
