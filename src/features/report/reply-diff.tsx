import { diffText } from '../../core/text-diff';
import { useT } from '../../components/i18n/use-t';

/** The model reply and the trainee's side by side, the characters that differ marked. */
export function ReplyDiff({ model, yours }: { model: string; yours: string }) {
  const t = useT();
  const segments = diffText(model, yours);
  return (
    <div className="reply-diff">
      <div>
        <h4>{t('report.weak.model')}</h4>
        <p className="diff-text">
          {segments.map((segment, index) =>
            segment.kind === 'insert' ? null : segment.kind === 'delete' ? (
              <mark key={index} className="diff-missing">
                {segment.text}
              </mark>
            ) : (
              <span key={index}>{segment.text}</span>
            ),
          )}
        </p>
      </div>
      <div>
        <h4>{t('report.weak.yours')}</h4>
        <p className="diff-text">
          {yours === ''
            ? t('report.weak.timeout')
            : segments.map((segment, index) =>
                segment.kind === 'delete' ? null : segment.kind === 'insert' ? (
                  <mark key={index} className="diff-extra">
                    {segment.text}
                  </mark>
                ) : (
                  <span key={index}>{segment.text}</span>
                ),
              )}
        </p>
      </div>
    </div>
  );
}
