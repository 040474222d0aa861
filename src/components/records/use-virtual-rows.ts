import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

/**
 * Table rows rendered only where the scroller shows them (100,000 records stay smooth): the
 * visible items and the heights of the spacer rows before and after them.
 */
export function useVirtualRows(count: number, rowHeight: number) {
  const scroller = useRef<HTMLDivElement>(null);
  // The app does not use the React Compiler; TanStack Virtual is used as its docs show.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    // Until the container is measured (and in tests without layout) assume a screenful.
    initialRect: { width: 1200, height: 640 },
  });
  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  return { scroller, items, before, after };
}
