import { LOCALES, useLocaleStore, type Locale } from '../../stores/use-locale-store';
import { useT } from '../i18n/use-t';

export function LanguageSwitch() {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const setLocale = useLocaleStore((state) => state.setLocale);
  return (
    <label className="language-switch">
      <span>{t('lang.label')}</span>
      <select value={locale} onChange={(event) => setLocale(event.target.value as Locale)}>
        {LOCALES.map((code) => (
          <option key={code} value={code}>
            {t(`lang.${code}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
