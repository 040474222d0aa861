import type { Report } from '../../core/report';
import type { Finding } from '../../core/scoring';
import { DIMENSION_EN } from '../../core/tags';
import { useLocalized, useT, type MessageKey } from '../../components/i18n/use-t';
import { useLocaleStore } from '../../stores/use-locale-store';
import { HighlightedReply, type Outcome } from './highlighted-reply';
import { SourceCitation } from './source-citation';

/** What a finding did to the score: a missing item or 0 points gained nothing, whatever its kind. */
function outcomeOf(finding: Finding): Outcome {
  if (finding.points < 0 || finding.kind === 'blocker') return 'lost';
  if (finding.points > 0 && finding.kind !== 'missing') return 'gained';
  return 'nothing';
}

function FindingItem({ finding, reply }: { finding: Finding; reply: string | undefined }) {
  const t = useT();
  const local = useLocalized();
  const locale = useLocaleStore((state) => state.locale);
  const outcome = outcomeOf(finding);
  const hasWords = finding.words !== '' && reply !== undefined && finding.end > finding.start;
  const points = finding.points > 0 ? `+${finding.points}` : String(finding.points);
  return (
    <li className={`finding ${finding.kind} ${outcome}`}>
      <p className="finding-head">
        <span className="finding-kind">
          {t(`report.findings.kind.${finding.kind}` as MessageKey)}
        </span>
        <span className="finding-points">{t('report.findings.points', { points })}</span>
        <span className="finding-dimension">
          {locale === 'en' ? DIMENSION_EN[finding.dimension] : finding.dimension}
        </span>
      </p>
      {hasWords && (
        <div className="finding-words-block">
          <span className="finding-label">{t('report.findings.yourWords')}</span>
          <HighlightedReply
            text={reply}
            start={finding.start}
            end={finding.end}
            outcome={outcome}
          />
        </div>
      )}
      <p className="finding-message">{local(finding.message)}</p>
      {outcome === 'lost' || finding.kind === 'missing' ? (
        <p className="finding-better">
          <span className="finding-label">{t('report.findings.better')}</span>{' '}
          {local(finding.better)}
        </p>
      ) : null}
      <p className="finding-source">
        <span className="finding-label">{t('report.findings.source')}</span>{' '}
        <SourceCitation source={finding.source} />
      </p>
    </li>
  );
}

/** Every finding, grouped by turn, with the trainee's own words marked inside their reply. */
export function FindingsList({ report }: { report: Report }) {
  const t = useT();
  const replies = new Map(report.turns.map((turn) => [turn.turn, turn.text]));
  const turnNumbers = [...new Set(report.findings.map((f) => f.turn))].sort((a, b) => a - b);
  const perTurn = report.findings.filter((f) => f.kind !== 'procedure');
  const procedure = report.findings.filter((f) => f.kind === 'procedure');
  return (
    <section className="report-section" aria-labelledby="findings-title">
      <h2 id="findings-title">{t('report.findings.title')}</h2>
      {report.findings.length === 0 && <p>{t('report.findings.none')}</p>}
      {turnNumbers.map((turn) => {
        const findings = perTurn.filter((f) => f.turn === turn);
        if (findings.length === 0) return null;
        return (
          <section
            key={turn}
            className="finding-turn"
            aria-label={t('report.findings.turn', { turn })}
          >
            <h3>{t('report.findings.turn', { turn })}</h3>
            <ul className="finding-list">
              {findings.map((finding, index) => (
                <FindingItem key={index} finding={finding} reply={replies.get(turn)} />
              ))}
            </ul>
          </section>
        );
      })}
      {procedure.length > 0 && (
        <section className="finding-turn" aria-label={t('report.findings.whole')}>
          <h3>{t('report.findings.whole')}</h3>
          <ul className="finding-list">
            {procedure.map((finding, index) => (
              <FindingItem key={index} finding={finding} reply={replies.get(finding.turn)} />
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
