import { useEffect } from 'react';
import { useClassroomStore } from '../../stores/use-classroom-store';

/** Opens the class in the classroom store and follows changes from other windows while mounted. */
export function useOpenClass(classId: string): void {
  useEffect(() => {
    const store = useClassroomStore.getState();
    void store.open(classId);
    const stop = store.listen();
    return () => {
      stop();
      useClassroomStore.getState().reset();
    };
  }, [classId]);
}
