/**
 * The audit log (migration 008): an entry per action that changes who is on the server, what
 * they practise or where their data goes, written with the action's own transaction so neither
 * exists without the other. Details are short and never hold a password, token or secret.
 */
import type { AuditKind } from '../core/audit-kinds';
import type { Queries } from './database';

/** The staff member acting (undefined: the server's admin command). */
export interface AuditActor {
  id: number;
  name: string;
}

export interface AuditEntry {
  id: number;
  /** ISO time. */
  at: string;
  actorId: number | null;
  actorName: string;
  kind: AuditKind;
  detail: Record<string, unknown>;
}

/** Writes one entry; pass the action's transaction. */
export async function recordAudit(
  tx: Queries,
  actor: AuditActor | undefined,
  kind: AuditKind,
  detail: Record<string, unknown>,
): Promise<void> {
  await tx.query(
    'insert into audit_log (actor_id, actor_name, kind, detail) values ($1, $2, $3, $4)',
    [actor?.id ?? null, actor?.name ?? '', kind, JSON.stringify(detail)],
  );
}

/** Most entries a page holds. */
export const AUDIT_PAGE_SIZE = 50;

/** A page of entries, newest first: those older than `before` (an entry id), of one kind or all. */
export async function auditPage(
  db: Queries,
  { before, kind, limit = AUDIT_PAGE_SIZE }: { before?: number; kind?: AuditKind; limit?: number },
): Promise<{ entries: AuditEntry[]; next: number | null }> {
  const rows = await db.query<AuditEntry>(
    `select id::int as id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at,
       actor_id::int as "actorId", actor_name as "actorName", kind, detail
     from audit_log
     where ($1::bigint is null or id < $1) and ($2::text is null or kind = $2)
     order by id desc limit $3`,
    [before ?? null, kind ?? null, limit + 1],
  );
  const entries = rows.slice(0, limit);
  return { entries, next: rows.length > limit ? entries.at(-1)!.id : null };
}
