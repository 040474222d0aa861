/**
 * An attempt whose person HR deletes (personal-data-routes.ts) while it is on its way: the
 * device was recognised, then the deletion committed before the attempt was written, so the
 * write names a person no longer there. That is answered like any device the server no longer
 * knows (401, and the device stops sending), never as a server failure.
 */
import type { FastifyReply } from 'fastify';

/** PostgreSQL's foreign_key_violation: a row refers to one (here: a person) no longer there. */
const FOREIGN_KEY_VIOLATION = '23503';

export const PERSON_REMOVED =
  'this device’s person is no longer on the roster (deleted meanwhile); nothing was kept — ask HR for a new join link';

/** Whether a write failed because its person was deleted meanwhile. */
export function isPersonRemoved(error: unknown): boolean {
  return (error as { code?: unknown }).code === FOREIGN_KEY_VIOLATION;
}

/** The write's result, or undefined after answering 401 when its person was deleted meanwhile. */
export async function unlessPersonRemoved<T>(
  reply: FastifyReply,
  write: Promise<T>,
): Promise<T | undefined> {
  try {
    return await write;
  } catch (error) {
    if (!isPersonRemoved(error)) throw error;
    await reply.status(401).send({ error: PERSON_REMOVED });
    return undefined;
  }
}
