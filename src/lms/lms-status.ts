/**
 * Whether the LMS kept the last result: a tiny store the layout's banner reads, so a trainee
 * inside an LMS is told when their score was not saved instead of seeing "passed" and nothing else.
 */
type Listener = () => void;

export interface LmsProblem {
  /** The LMS's own error code for the refused call. */
  code: string;
  /** Tries the save again; true when the LMS took it. */
  retry: () => boolean;
}

let problem: LmsProblem | undefined;
const listeners = new Set<Listener>();

function changed(next: LmsProblem | undefined): void {
  problem = next;
  for (const listener of listeners) listener();
}

export function getLmsProblem(): LmsProblem | undefined {
  return problem;
}

export function subscribeLmsProblem(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function noteLmsProblem(next: LmsProblem): void {
  changed(next);
}

export function clearLmsProblem(): void {
  if (problem) changed(undefined);
}
