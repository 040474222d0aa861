import {
  useEffect,
  useId,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { MAX_REPLY_CHARS, replyProblem, type ReplyProblem } from '../../core/attempt';
import { useT } from '../../components/i18n/use-t';

/** The reply box: Enter sends, Shift+Enter breaks the line; empty or over-long drafts are refused and kept. */
export function ReplyComposer({
  draft,
  onDraftChange,
  onSend,
  busy,
  turn,
  children,
}: {
  draft: string;
  onDraftChange: (text: string) => void;
  /** Resolves true when the reply was taken (the box is cleared then). */
  onSend: (text: string) => Promise<boolean>;
  busy: boolean;
  /** The turn number: when it changes the box is scrolled back into view below the new line. */
  turn: number;
  /** Shown above the box (coach hints, countdown), so a phone keyboard does not cover them. */
  children?: ReactNode;
}) {
  const t = useT();
  const id = useId();
  const [problem, setProblem] = useState<ReplyProblem | null>(null);
  const count = Array.from(draft).length;
  const box = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    box.current?.scrollIntoView?.({ block: 'nearest' });
  }, [turn]);

  async function submit() {
    if (busy) return;
    const found = replyProblem(draft);
    setProblem(found);
    if (found) return;
    if (await onSend(draft)) onDraftChange('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    void submit();
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void submit();
  }

  return (
    <form className="reply-composer" onSubmit={onSubmit}>
      {children}
      <label htmlFor={`${id}-reply`}>{t('practice.reply.label')}</label>
      <textarea
        id={`${id}-reply`}
        ref={box}
        value={draft}
        rows={3}
        aria-describedby={`${id}-help ${id}-problem`}
        aria-invalid={problem !== null}
        onChange={(event) => {
          onDraftChange(event.target.value);
          if (problem) setProblem(null);
        }}
        onKeyDown={onKeyDown}
      />
      <div className="reply-row">
        <span id={`${id}-help`} className="reply-help">
          {t('practice.reply.help')}{' '}
          <span className={count > MAX_REPLY_CHARS ? 'reply-count over' : 'reply-count'}>
            {t('practice.reply.count', { count, max: MAX_REPLY_CHARS })}
          </span>
        </span>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('practice.reply.sending') : t('practice.reply.send')}
        </button>
      </div>
      <p id={`${id}-problem`} className="reply-problem" role="alert">
        {problem?.kind === 'empty' && t('practice.reply.empty')}
        {problem?.kind === 'too-long' &&
          t('practice.reply.tooLong', { max: MAX_REPLY_CHARS, count: problem.count })}
      </p>
    </form>
  );
}
