/**
 * A classroom session's content — roster, pairs (groups), rounds, what the projector shows, the
 * class code — as one checked shape: the browser keeps it in IndexedDB (data/db.ts), the company
 * server in PostgreSQL (server/class-routes.ts). Roster entry ids are local to the class.
 */
import { z } from 'zod';

const text = (max: number) => z.string().trim().max(max);
const time = z.number().int().min(0);

export const rosterEntrySchema = z.object({
  id: z.string().min(1).max(100),
  name: text(100).min(1),
  employeeNo: text(60).min(1),
  department: text(100),
});
export type RosterEntry = z.infer<typeof rosterEntrySchema>;

/** Two trainees (customer and rep) or, for an odd roster, three (the third observes). */
export const classGroupSchema = z.object({
  id: z.string().min(1).max(100),
  members: z.array(z.string().min(1).max(100)).max(3),
  /** The scenario the group plays (one of the class's); unset: assigned in turn (groupScenarioId). */
  scenarioId: z.string().min(1).max(100).optional(),
});
export type ClassGroup = z.infer<typeof classGroupSchema>;

export const roleAssignmentSchema = z.object({
  groupId: z.string().min(1).max(100),
  customer: z.string().max(100),
  rep: z.string().max(100),
  observer: z.string().max(100).optional(),
});
export type RoleAssignment = z.infer<typeof roleAssignmentSchema>;

/** One round of role play; the timer runs from `startedAt` for `durationMin`. */
export const classRoundSchema = z.object({
  number: z.number().int().min(1).max(1000),
  durationMin: z.number().min(1).max(600),
  assignments: z.array(roleAssignmentSchema).max(1000),
  startedAt: time.optional(),
  /** Set when the trainer ends the round early (or after it ran out). */
  endedAt: time.optional(),
});
export type ClassRound = z.infer<typeof classRoundSchema>;

/** What a class is, wherever it is kept (no id, times or storage version). */
export const classContentSchema = z.object({
  name: text(100).min(1),
  trainer: text(100).min(1),
  /** YYYY-MM-DD */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD'),
  scenarioIds: z.array(z.string().min(1).max(100)).max(100),
  roster: z.array(rosterEntrySchema).max(2000),
  groups: z.array(classGroupSchema).max(1000),
  rounds: z.array(classRoundSchema).max(200),
  /** What the projector window shows; kept here so a reloaded or late-opened projector agrees. */
  projectorView: z.enum(['round', 'summary']).optional(),
  /** The class code the trainer shows; trainee devices sign their result bundles with it. */
  code: z.string().min(4).max(40).optional(),
});
export type ClassContent = z.infer<typeof classContentSchema>;
