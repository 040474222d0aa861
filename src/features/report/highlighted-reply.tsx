/** What a finding did to the score; it colours the finding and its marked words. */
export type Outcome = 'gained' | 'nothing' | 'lost';

/** A reply with one range wrapped in <mark>; text only, never HTML. */
export function HighlightedReply({
  text,
  start,
  end,
  outcome,
}: {
  text: string;
  start: number;
  end: number;
  outcome: Outcome;
}) {
  const safeStart = Math.max(0, Math.min(start, text.length));
  const safeEnd = Math.max(safeStart, Math.min(end, text.length));
  return (
    <blockquote className="highlighted-reply">
      {text.slice(0, safeStart)}
      <mark className={`finding-words ${outcome}`}>{text.slice(safeStart, safeEnd)}</mark>
      {text.slice(safeEnd)}
    </blockquote>
  );
}
