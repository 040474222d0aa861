/** Scenario and rule files that failed to load, as file:line field: message, out of the way. */
import { useT } from '../../components/i18n/use-t';
import type { LoadError } from '../../core/yaml-source';

export function LoadErrorsPanel({ errors }: { errors: readonly LoadError[] }) {
  const t = useT();
  return (
    <details className="load-errors">
      <summary>{t('library.errors', { count: errors.length })}</summary>
      <p>{t('library.errorsHelp')}</p>
      <ul>
        {errors.map((error, index) => (
          <li key={index}>
            <code>
              {error.file}:{error.line}
              {error.field ? ` ${error.field}` : ''}
            </code>
            : {error.message}
          </li>
        ))}
      </ul>
    </details>
  );
}
