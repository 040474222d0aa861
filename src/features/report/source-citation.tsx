import { documentTitle } from '../../core/documents';
import type { Source } from '../../core/rule-schema';
import { useLocalized, useT } from '../../components/i18n/use-t';

/** "title · section" of a cited course document; the file name when the title is unknown. */
export function SourceCitation({ source }: { source: Source }) {
  const t = useT();
  const local = useLocalized();
  const title = documentTitle(source.doc);
  return (
    <cite className="source">
      {t('report.source', { title: title ? local(title) : source.doc, section: source.section })}
    </cite>
  );
}
