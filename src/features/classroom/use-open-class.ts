import { useEffect } from 'react';
import { isServerClass } from '../../data/server-classes';
import { useClassroomStore } from '../../stores/use-classroom-store';

/** How often a class on the company server is read again (changes made on other devices). */
const SERVER_POLL_MS = 3000;

/** Opens the class in the classroom store and follows changes from other windows (and, for a server class, other devices) while mounted. */
export function useOpenClass(classId: string): void {
  useEffect(() => {
    const store = useClassroomStore.getState();
    void store.open(classId);
    const stop = store.listen();
    const poll = isServerClass(classId)
      ? setInterval(() => void useClassroomStore.getState().refresh(), SERVER_POLL_MS)
      : undefined;
    return () => {
      stop();
      clearInterval(poll);
      useClassroomStore.getState().reset();
    };
  }, [classId]);
}
