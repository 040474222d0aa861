import type { TranscriptEntry } from '../../core/scenario-machine';
import { useLocalized, useT } from '../../components/i18n/use-t';

/** The conversation so far; every line is rendered as text, never as HTML. */
export function ChatLog({
  entries,
  customerName,
}: {
  entries: readonly TranscriptEntry[];
  customerName: string;
}) {
  const t = useT();
  const local = useLocalized();
  return (
    <ol className="chat-log" aria-label={t('practice.chat.label')}>
      {entries.map((entry, index) =>
        entry.role === 'customer' ? (
          <li key={index} className="chat-line customer">
            <span className="chat-who">{customerName}</span>
            <p>{local(entry.text)}</p>
          </li>
        ) : (
          <li key={index} className="chat-line trainee">
            <span className="chat-who">{t('practice.you')}</span>
            <p>{entry.timeout ? t('practice.chat.timeout') : entry.text}</p>
          </li>
        ),
      )}
    </ol>
  );
}
