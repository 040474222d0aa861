import { documentTitle } from '../../core/documents';
import type { Source } from '../../core/rule-schema';
import { useLocalized, useT } from '../../components/i18n/use-t';

/**
 * "title · section" of a cited course document, never its file name: in English the translated
 * title with the Chinese original beside it and the section as the document heads it; the file
 * name only for a document the app does not know.
 */
export function SourceCitation({ source }: { source: Source }) {
  const t = useT();
  const local = useLocalized();
  const title = documentTitle(source.doc);
  return (
    <cite className="source">
      {title
        ? t('report.sourceBilingual', {
            title: local(title),
            original: title['zh-CN'],
            section: source.section,
          })
        : t('report.source', { title: source.doc, section: source.section })}
    </cite>
  );
}
