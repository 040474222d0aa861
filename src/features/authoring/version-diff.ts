/** Two versions of a scenario's YAML side by side, line against line (jsdiff finds the changes). */
import { diffLines } from 'diff';

export interface DiffCell {
  /** 1-based line number in its version. */
  line: number;
  text: string;
}

export interface DiffRow {
  kind: 'same' | 'changed' | 'removed' | 'added';
  left?: DiffCell;
  right?: DiffCell;
}

function linesOf(value: string): string[] {
  const lines = value.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Rows of a side-by-side diff: removed lines face the lines added in their place. */
export function sideBySide(before: string, after: string): DiffRow[] {
  const rows: DiffRow[] = [];
  let left = 1;
  let right = 1;
  let removed: string[] = [];
  const flush = (added: string[]) => {
    for (let index = 0; index < Math.max(removed.length, added.length); index += 1) {
      const old = removed[index];
      const fresh = added[index];
      rows.push({
        kind: old === undefined ? 'added' : fresh === undefined ? 'removed' : 'changed',
        ...(old === undefined ? {} : { left: { line: left++, text: old } }),
        ...(fresh === undefined ? {} : { right: { line: right++, text: fresh } }),
      });
    }
    removed = [];
  };
  for (const change of diffLines(before, after)) {
    const lines = linesOf(change.value);
    if (change.removed) removed.push(...lines);
    else if (change.added) flush(lines);
    else {
      flush([]);
      for (const text of lines)
        rows.push({ kind: 'same', left: { line: left++, text }, right: { line: right++, text } });
    }
  }
  flush([]);
  return rows;
}
