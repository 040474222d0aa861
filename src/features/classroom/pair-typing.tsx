/**
 * Pair typing on one device: the pair picks one of the class's scenarios, the customer player
 * says the customer's line (the scenario's line as a prompt, or their own words), then the rep
 * replies. Only the rep's replies go to the scenario machine, so they are analysed and scored
 * exactly like a solo attempt; the finished attempt is saved for the rep with the customer
 * player as partner, and its transcript shows the words the customer player actually said.
 */
import { useId, useState, type FormEvent } from 'react';
import { useConversation } from '../../components/conversation/use-conversation';
import { useLocalized, useT } from '../../components/i18n/use-t';
import { finishedAttempt, reply, reportOf, transcriptReplies } from '../../core/attempt';
import {
  currentCustomerLine,
  type ConversationSnapshot,
  type TranscriptEntry,
} from '../../core/scenario-machine';
import type { Scenario } from '../../core/scenario-schema';
import type { Analyzer } from '../../core/analyzer';
import { createAttempt, updateAttempt } from '../../data/attempts';
import type { RosterEntry } from '../../data/db';
import { isServerClass, sendClassAttempt } from '../../data/server-classes';

interface LogLine {
  who: 'customer' | 'rep';
  text: string;
  tags?: string[];
}

/** The transcript with its customer lines replaced, in order, by what the customer player said (the ending line stays the scenario's). */
export function withSpokenCustomerLines(
  transcript: readonly TranscriptEntry[],
  spoken: readonly string[],
): TranscriptEntry[] {
  let next = 0;
  return transcript.map((entry) => {
    if (entry.role !== 'customer') return entry;
    const said = spoken[next];
    next += 1;
    return said === undefined ? entry : { ...entry, text: { 'zh-CN': said, en: said } };
  });
}

interface ConversationProps {
  scenario: Scenario;
  analyzer: Analyzer;
  customer: RosterEntry;
  rep: RosterEntry;
  classId: string;
  clock?: () => number;
  onSaved: () => void;
}

/** Pair typing for one group: the pair picks one of the class's scenarios, then types the role play. */
export function PairTyping({
  scenarios,
  group,
  onClose,
  ...conversation
}: Omit<ConversationProps, 'scenario'> & {
  /** The class's scenarios; the pair picks one before the customer's first line. */
  scenarios: readonly Scenario[];
  group: string;
  onClose: () => void;
}) {
  const t = useT();
  const local = useLocalized();
  const pickId = useId();
  const [scenarioId, setScenarioId] = useState(scenarios[0]?.id);
  const [started, setStarted] = useState(false);
  const scenario = scenarios.find((candidate) => candidate.id === scenarioId) ?? scenarios[0];

  return (
    <section className="panel pair-typing" aria-labelledby="pair-heading">
      <h2 id="pair-heading">{t('pair.title', { group })}</h2>
      <p className="hint">{t('pair.howto')}</p>
      {scenarios.length > 1 && (
        <p>
          <label htmlFor={pickId}>{t('pair.scenario')}</label>{' '}
          <select
            id={pickId}
            value={scenario?.id}
            disabled={started}
            onChange={(event) => setScenarioId(event.target.value)}
          >
            {scenarios.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {local(candidate.title)}
              </option>
            ))}
          </select>
        </p>
      )}
      {scenario && (
        <PairConversation
          key={scenario.id}
          scenario={scenario}
          {...conversation}
          onStarted={() => setStarted(true)}
        />
      )}
      <button type="button" onClick={onClose}>
        {t('pair.close')}
      </button>
    </section>
  );
}

/** One typed role play of one scenario: the log, then whose turn it is. */
function PairConversation({
  scenario,
  analyzer,
  customer,
  rep,
  classId,
  clock = Date.now,
  onSaved,
  onStarted,
}: ConversationProps & { onStarted: () => void }) {
  const t = useT();
  const local = useLocalized();
  const [startedAt] = useState(() => clock());
  const live = useConversation(scenario, analyzer, startedAt);
  const [log, setLog] = useState<LogLine[]>([]);
  const [turn, setTurn] = useState<'customer' | 'rep'>('customer');
  const [customerText, setCustomerText] = useState('');
  const [repText, setRepText] = useState('');
  const [customerDoneAt, setCustomerDoneAt] = useState(0);
  const [result, setResult] = useState<{ score: number } | undefined>();
  const [notSent, setNotSent] = useState('');

  if (!live) return null;
  const { conversation, snapshot } = live;
  const suggested = local(currentCustomerLine(snapshot, scenario));

  const customerSpeaks = (event: FormEvent) => {
    event.preventDefault();
    const text = customerText.trim() || suggested;
    setLog((lines) => [...lines, { who: 'customer', text }]);
    setCustomerText('');
    setCustomerDoneAt(clock());
    setTurn('rep');
    onStarted();
  };

  const finish = async (final: ConversationSnapshot) => {
    const built = reportOf(scenario, analyzer, final);
    const spoken = log.filter((line) => line.who === 'customer').map((line) => line.text);
    const report = { ...built, transcript: withSpokenCustomerLines(built.transcript, spoken) };
    const trainee = { name: rep.name, employeeNo: rep.employeeNo, department: rep.department };
    const record = await createAttempt({
      scenarioId: scenario.id,
      scenarioVersion: scenario.version,
      scenarioTitle: scenario.title,
      mode: 'coach',
      trainee,
      snapshot: null,
      startedAt,
    });
    await updateAttempt(record.id, record.revision, {
      ...finishedAttempt(report, startedAt, clock()),
      classId,
      partner: customer.name,
    });
    setResult({ score: report.score });
    onSaved();
    // A class on the company server: the server scores the role play again and keeps its own.
    if (isServerClass(classId))
      await sendClassAttempt(classId, {
        id: record.id,
        employeeNo: rep.employeeNo,
        scenarioId: scenario.id,
        scenarioVersion: scenario.version,
        mode: 'coach',
        startedAt,
        replies: transcriptReplies(report.transcript),
        claimedScore: report.score,
      }).catch((error: unknown) =>
        setNotSent(t('serverClass.notSent', { reason: (error as Error).message })),
      );
  };

  const repReplies = (event: FormEvent) => {
    event.preventDefault();
    const text = repText.trim();
    if (text === '') return;
    reply(conversation, text, clock() - customerDoneAt);
    const after = conversation.getSnapshot();
    const recorded = after.context.transcript.findLast((entry) => entry.role === 'trainee');
    const tags = recorded?.role === 'trainee' ? recorded.analysis.tags : [];
    setLog((lines) => [...lines, { who: 'rep', text, tags }]);
    setRepText('');
    setTurn('customer');
    if (after.status === 'done') void finish(after);
  };

  return (
    <>
      <ol className="pair-log" aria-label={t('pair.log')}>
        {log.map((line, index) => (
          <li key={index} className={line.who}>
            <strong>
              {t('pair.speaker', { name: line.who === 'customer' ? customer.name : rep.name })}
            </strong>
            {line.text}
            {line.tags && line.tags.length > 0 && (
              <span className="tags"> {t('pair.tags', { tags: line.tags.join(', ') })}</span>
            )}
          </li>
        ))}
      </ol>
      {notSent && <p role="alert">{notSent}</p>}
      {result ? (
        <p role="status">{t('pair.finished', { name: rep.name, score: result.score })}</p>
      ) : turn === 'customer' ? (
        <form onSubmit={customerSpeaks}>
          <p className="suggested">{t('pair.suggested', { line: suggested })}</p>
          <label className="block">
            {t('pair.customerSays', { name: customer.name })}
            <textarea
              rows={2}
              value={customerText}
              onChange={(event) => setCustomerText(event.target.value)}
            />
          </label>
          <button type="submit">
            {customerText.trim() === '' ? t('pair.useSuggested') : t('pair.customerDone')}
          </button>
        </form>
      ) : (
        <form onSubmit={repReplies}>
          <label className="block">
            {t('pair.repSays', { name: rep.name })}
            <textarea
              rows={2}
              value={repText}
              onChange={(event) => setRepText(event.target.value)}
            />
          </label>
          <button type="submit">{t('pair.send')}</button>
        </form>
      )}
    </>
  );
}
