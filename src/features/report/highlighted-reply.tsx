/** A reply with one range wrapped in <mark>; text only, never HTML. */
export function HighlightedReply({
  text,
  start,
  end,
  tone,
}: {
  text: string;
  start: number;
  end: number;
  tone: 'good' | 'bad';
}) {
  const safeStart = Math.max(0, Math.min(start, text.length));
  const safeEnd = Math.max(safeStart, Math.min(end, text.length));
  return (
    <blockquote className="highlighted-reply">
      {text.slice(0, safeStart)}
      <mark className={`finding-words ${tone}`}>{text.slice(safeStart, safeEnd)}</mark>
      {text.slice(safeEnd)}
    </blockquote>
  );
}
