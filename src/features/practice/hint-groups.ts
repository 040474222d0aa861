/**
 * Coach hints, one card per phrase: problem spans that overlap, of whatever tag or rule
 * (你自己弄错 fires four rules; 可是你自己… a 转折语 and a blame at once), make one card that
 * names each tag once, explained by its first rule.
 */
import type { Span } from '../../core/analyzer';

export interface HintGroup {
  start: number;
  end: number;
  /** The first span of each tag in the group, in reading order. */
  spans: Span[];
}

/** Overlapping spans grouped (transitively) into one hint each, in reading order. */
export function groupHints(spans: readonly Span[]): HintGroup[] {
  const groups: HintGroup[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const last = groups.at(-1);
    if (last && span.start < last.end) {
      last.end = Math.max(last.end, span.end);
      if (!last.spans.some((kept) => kept.tag === span.tag)) last.spans.push(span);
    } else groups.push({ start: span.start, end: span.end, spans: [span] });
  }
  return groups;
}
