/**
 * A device the server no longer knows (it answers 401 to the device token: HR deleted the person,
 * or the binding is gone) stops syncing for good: the link is marked withdrawn and the attempts
 * still waiting are kept on this device, shown on #/server and never sent. A new join link makes a
 * new binding; what waited for the old one stays here (it may belong to a deleted person).
 */
import { database } from '../../data/db';

/** Marks this device's link withdrawn and keeps its waiting attempts unsent; idempotent. */
export async function withdrawLink(now: number): Promise<void> {
  const db = database();
  await db.transaction('rw', db.serverLink, db.syncQueue, async () => {
    const link = await db.serverLink.get('me');
    if (!link) return;
    if (link.withdrawnAt === undefined) await db.serverLink.put({ ...link, withdrawnAt: now });
    await db.syncQueue
      .where('[state+nextTryAt]')
      .between(['pending', -Infinity], ['pending', Infinity], true, true)
      .modify({ state: 'withdrawn', lastError: 'this device is no longer joined' });
  });
}
