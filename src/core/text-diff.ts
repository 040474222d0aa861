/**
 * A small character-level diff (longest common subsequence) for "model reply vs yours" in the
 * report. Works on code points, so an emoji is never split in half.
 */

export type DiffKind = 'equal' | 'delete' | 'insert';

/** A run of characters: equal in both, only in `before` (delete) or only in `after` (insert). */
export interface DiffSegment {
  kind: DiffKind;
  text: string;
}

/** Above this many LCS cells the middle is shown as one replacement instead (bounded work). */
const MAX_CELLS = 1_000_000;

function pushSegment(segments: DiffSegment[], kind: DiffKind, text: string): void {
  if (text === '') return;
  const last = segments.at(-1);
  if (last && last.kind === kind) last.text += text;
  else segments.push({ kind, text });
}

function lcsDiff(before: string[], after: string[], segments: DiffSegment[]): void {
  const rows = before.length;
  const cols = after.length;
  if (rows * cols > MAX_CELLS) {
    pushSegment(segments, 'delete', before.join(''));
    pushSegment(segments, 'insert', after.join(''));
    return;
  }
  // lengths[i][j] = LCS length of before[i..] and after[j..], flattened.
  const width = cols + 1;
  const lengths = new Uint32Array((rows + 1) * width);
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = cols - 1; j >= 0; j--) {
      lengths[i * width + j] =
        before[i] === after[j]
          ? (lengths[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lengths[(i + 1) * width + j] ?? 0, lengths[i * width + j + 1] ?? 0);
    }
  }
  let i = 0;
  let j = 0;
  while (i < rows && j < cols) {
    if (before[i] === after[j]) {
      pushSegment(segments, 'equal', before[i] ?? '');
      i++;
      j++;
    } else if ((lengths[(i + 1) * width + j] ?? 0) >= (lengths[i * width + j + 1] ?? 0)) {
      pushSegment(segments, 'delete', before[i] ?? '');
      i++;
    } else {
      pushSegment(segments, 'insert', after[j] ?? '');
      j++;
    }
  }
  pushSegment(segments, 'delete', before.slice(i).join(''));
  pushSegment(segments, 'insert', after.slice(j).join(''));
}

/** Shorter runs of equal characters between two changes are folded into the change. */
const MIN_EQUAL_RUN = 2;

/**
 * Folds tiny equal runs stranded between changes (的, 在) into the change around them, so two
 * different sentences show as one replacement and not as confetti; deletes come before inserts.
 */
function foldStrandedEquals(segments: DiffSegment[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    pushSegment(out, 'delete', removed);
    pushSegment(out, 'insert', added);
    removed = '';
    added = '';
  };
  segments.forEach((segment, index) => {
    if (segment.kind === 'delete') removed += segment.text;
    else if (segment.kind === 'insert') added += segment.text;
    else {
      const between = index > 0 && index < segments.length - 1;
      if (between && Array.from(segment.text).length < MIN_EQUAL_RUN) {
        removed += segment.text;
        added += segment.text;
      } else {
        flush();
        pushSegment(out, 'equal', segment.text);
      }
    }
  });
  flush();
  return out;
}

/** Diffs two texts by character: diffText('对不起，您说', '您说') → [{delete '对不起，'}, {equal '您说'}]. */
export function diffText(before: string, after: string): DiffSegment[] {
  const a = Array.from(before);
  const b = Array.from(after);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  )
    suffix++;
  const segments: DiffSegment[] = [];
  pushSegment(segments, 'equal', a.slice(0, prefix).join(''));
  lcsDiff(a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix), segments);
  pushSegment(segments, 'equal', a.slice(a.length - suffix).join(''));
  return foldStrandedEquals(segments);
}
