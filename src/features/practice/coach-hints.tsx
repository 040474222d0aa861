import { useMemo } from 'react';
import type { AnalysisContext, Analyzer, Span } from '../../core/analyzer';
import { tagsMeeting, type Step } from '../../core/scenario-schema';
import { PROBLEM_TAGS, TAG_INFO, TAGS, type Tag } from '../../core/tags';
import { useLocalized, useT, type MessageKey } from '../../components/i18n/use-t';
import { groupHints } from './hint-groups';

/** How a hint names each tag the draft carries (a type check keeps every tag covered). */
const HINT_KEYS: Record<Tag, MessageKey> = {
  forbidden: 'practice.hints.tag.forbidden',
  contrast: 'practice.hints.tag.contrast',
  apology: 'practice.hints.tag.apology',
  empathy: 'practice.hints.tag.empathy',
  'open-question': 'practice.hints.tag.open-question',
  'closed-question': 'practice.hints.tag.closed-question',
  'spin-situation': 'practice.hints.tag.spin-situation',
  'spin-problem': 'practice.hints.tag.spin-problem',
  'spin-implication': 'practice.hints.tag.spin-implication',
  'spin-need-payoff': 'practice.hints.tag.spin-need-payoff',
  compensation: 'practice.hints.tag.compensation',
  'follow-up': 'practice.hints.tag.follow-up',
  'ask-preference': 'practice.hints.tag.ask-preference',
  'value-add': 'practice.hints.tag.value-add',
};
/** Moves praised as they are typed: every non-problem tag but a plain yes/no question. */
const GOOD_TAGS = TAGS.filter((tag) => !TAG_INFO[tag].problem && tag !== 'closed-question');

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
  const problems = groupHints(analysis.spans.filter((span) => PROBLEM_TAGS.includes(span.tag)));
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
                {local(TAG_INFO[expectation.tag].label)}
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
          <MarkedDraft
            text={draft}
            spans={problems.map((group) => ({
              ...group.spans[0]!,
              start: group.start,
              end: group.end,
            }))}
          />
          <ul className="hint-list">
            {problems.map((group) => (
              <li key={group.start} className={`hint ${group.spans.map((s) => s.tag).join(' ')}`}>
                {group.spans.map((span) => (
                  <span key={span.tag} className="hint-tag">
                    {t(HINT_KEYS[span.tag])}
                  </span>
                ))}{' '}
                <q className="hint-words">{draft.slice(group.start, group.end)}</q>
                {group.spans.map((span) => {
                  const rule = analyzer.ruleById(span.ruleId);
                  return (
                    rule && (
                      <span key={span.tag}>
                        <span className="hint-message"> {local(rule.message)}</span>
                        <span className="hint-better">
                          {t('practice.hints.better', { better: local(rule.better) })}
                        </span>
                      </span>
                    )
                  );
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      {good.length > 0 && (
        <p className="hint-good">
          <span>{t('practice.hints.good')}</span>
          {good.map((tag) => (
            <span key={tag} className="hint-chip">
              {t(HINT_KEYS[tag])}
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
