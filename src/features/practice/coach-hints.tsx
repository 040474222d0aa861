import { useMemo } from 'react';
import type { AnalysisContext, Analyzer, Span } from '../../core/analyzer';
import { tagsMeeting, type Step } from '../../core/scenario-schema';
import { TAG_LABELS } from '../../core/scoring';
import type { Tag } from '../../core/tags';
import { useLocalized, useT, type MessageKey } from '../../components/i18n/use-t';

const PROBLEM_TAGS: readonly Tag[] = ['forbidden', 'contrast'];
const GOOD_TAGS: readonly Tag[] = [
  'apology',
  'empathy',
  'open-question',
  'ask-preference',
  'compensation',
  'follow-up',
  'value-add',
];

function tagKey(tag: Tag): MessageKey {
  return `practice.hints.tag.${tag}` as MessageKey;
}

/** One hint per phrase: spans of the same tag that overlap merge into one (the first rule explains it). */
function mergeOverlapping(spans: readonly Span[]): Span[] {
  const merged: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const last = merged.at(-1);
    if (last && last.tag === span.tag && span.start < last.end)
      merged[merged.length - 1] = { ...last, end: Math.max(last.end, span.end) };
    else merged.push(span);
  }
  return merged;
}

/** The draft with the problem spans wrapped in <mark>, as React text nodes (never HTML). */
function MarkedDraft({ text, spans }: { text: string; spans: readonly Span[] }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  spans.forEach((span, index) => {
    if (span.start < at) return;
    if (span.start > at) parts.push(text.slice(at, span.start));
    parts.push(
      <mark key={index} className={`hint-mark ${span.tag}`}>
        {text.slice(span.start, span.end)}
      </mark>,
    );
    at = span.end;
  });
  if (at < text.length) parts.push(text.slice(at));
  return <p className="hint-mirror">{parts}</p>;
}

/** Coach mode: analyses the draft on every keystroke and explains what it finds. */
export function CoachHints({
  draft,
  analyzer,
  step,
  context,
}: {
  draft: string;
  analyzer: Analyzer;
  /** The scenario's situation: it decides whether a free extra reads as compensation or value-add. */
  context?: AnalysisContext;
  /** The step being answered: its required moves are ticked off as the draft makes them. */
  step: Step;
}) {
  const t = useT();
  const local = useLocalized();
  const analysis = useMemo(() => analyzer.analyze(draft, context), [analyzer, draft, context]);
  const required = step.expect.required;
  const problems = mergeOverlapping(
    analysis.spans.filter((span) => PROBLEM_TAGS.includes(span.tag)),
  );
  const good = GOOD_TAGS.filter((tag) => analysis.tags.includes(tag));
  return (
    <section className="coach-hints" aria-labelledby="coach-hints-title">
      <h2 id="coach-hints-title">{t('practice.hints.title')}</h2>
      {required.length > 0 && (
        <p className="hint-needed">
          <span>{t('practice.hints.needed')}</span>
          {required.map((expectation) => {
            const met = tagsMeeting(expectation).some((tag) => analysis.tags.includes(tag));
            return (
              <span key={expectation.tag} className={met ? 'hint-chip met' : 'hint-chip'}>
                {met ? '✓ ' : '○ '}
                {local(TAG_LABELS[expectation.tag])}
                <span className="visually-hidden">
                  {met ? t('practice.hints.met') : t('practice.hints.notYet')}
                </span>
              </span>
            );
          })}
        </p>
      )}
      {problems.length === 0 && good.length === 0 && (
        <p className="hint-none">{t('practice.hints.none')}</p>
      )}
      {problems.length > 0 && (
        <>
          <p className="hint-mirror-label">{t('practice.hints.mirror')}</p>
          <MarkedDraft text={draft} spans={problems} />
          <ul className="hint-list">
            {problems.map((span, index) => {
              const rule = analyzer.ruleById(span.ruleId);
              return (
                <li key={index} className={`hint ${span.tag}`}>
                  <span className="hint-tag">{t(tagKey(span.tag))}</span>{' '}
                  <q className="hint-words">{draft.slice(span.start, span.end)}</q>
                  {rule && (
                    <>
                      <span className="hint-message"> {local(rule.message)}</span>
                      <span className="hint-better">
                        {t('practice.hints.better', { better: local(rule.better) })}
                      </span>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {good.length > 0 && (
        <p className="hint-good">
          <span>{t('practice.hints.good')}</span>
          {good.map((tag) => (
            <span key={tag} className="hint-chip">
              {t(tagKey(tag))}
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
