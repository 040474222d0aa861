import type { Report } from '../../core/report';
import { useLocalized, useT } from '../../components/i18n/use-t';

/** The whole conversation as text, the customer's lines and the trainee's replies in order. */
export function TranscriptView({
  transcript,
  customerName,
}: {
  transcript: Report['transcript'];
  customerName: string;
}) {
  const t = useT();
  const local = useLocalized();
  return (
    <section className="report-section" aria-labelledby="transcript-title">
      <h2 id="transcript-title">{t('report.transcript.title')}</h2>
      <ol className="transcript">
        {transcript.map((entry, index) => (
          <li key={index} className={`transcript-line ${entry.role}`}>
            <span className="transcript-who">
              {entry.role === 'customer'
                ? customerName
                : `${t('practice.you')} · ${t('report.findings.turn', { turn: entry.turn })}`}
            </span>
            <p>
              {entry.role === 'customer'
                ? local(entry.text)
                : entry.timeout
                  ? t('report.weak.timeout')
                  : entry.text}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
