/** The profile form's rules: every field required, trimmed, and short enough for a report. */
import { z } from 'zod';
import type { Trainee } from '../../data/db';

export const TRAINEE_FIELDS = ['name', 'employeeNo', 'department'] as const;
export type TraineeField = (typeof TRAINEE_FIELDS)[number];

export const TRAINEE_MAX_LENGTH: Record<TraineeField, number> = {
  name: 40,
  employeeNo: 20,
  department: 40,
};

function field(max: number) {
  return z.string().trim().min(1, 'required').max(max, 'tooLong');
}

export const traineeFormSchema = z.object({
  name: field(TRAINEE_MAX_LENGTH.name),
  employeeNo: field(TRAINEE_MAX_LENGTH.employeeNo),
  department: field(TRAINEE_MAX_LENGTH.department),
});
export type TraineeFormProblem = 'required' | 'tooLong';

export type TraineeFormResult =
  | { ok: true; trainee: Trainee }
  | { ok: false; problems: Partial<Record<TraineeField, TraineeFormProblem>> };

/** Validates the draft: the trimmed trainee, or one problem per failing field. */
export function checkTraineeForm(draft: Record<TraineeField, string>): TraineeFormResult {
  const result = traineeFormSchema.safeParse(draft);
  if (result.success) return { ok: true, trainee: result.data };
  const problems: Partial<Record<TraineeField, TraineeFormProblem>> = {};
  for (const issue of result.error.issues) {
    const name = issue.path[0] as TraineeField;
    problems[name] ??= issue.message === 'tooLong' ? 'tooLong' : 'required';
  }
  return { ok: false, problems };
}

/** The hash to go to after saving: only an in-app route ("#/practice/x?mode=coach"). */
export function safeNextHash(next: string | null | undefined): string | undefined {
  if (!next) return undefined;
  const hash = next.startsWith('#') ? next : `#${next}`;
  return /^#\/[^\s]*$/.test(hash) && !hash.startsWith('#//') ? hash : undefined;
}
