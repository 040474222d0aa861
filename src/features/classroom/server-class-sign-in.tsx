import { useT } from '../../components/i18n/use-t';
import { isServerClass } from '../../data/server-classes';

/** For a class on the company server that did not open: sign in there first (on this device). */
export function ServerClassSignIn({ classId }: { classId: string }) {
  const t = useT();
  if (!isServerClass(classId)) return null;
  return (
    <p>
      {t('serverClass.signIn')} <a href="#/staff">{t('serverClass.signInLink')}</a>
    </p>
  );
}
