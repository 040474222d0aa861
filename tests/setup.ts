import '@testing-library/jest-dom/vitest';
import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';

if (typeof document !== 'undefined') {
  const { cleanup, configure } = await import('@testing-library/react');
  // Testing Library unmounts after each test only with vitest globals; do it explicitly.
  afterEach(() => cleanup());
  // findBy/waitFor wait for what a user would see; on a loaded two-core CI machine a page that
  // opens the database and builds the analyzer can take longer than the 1 s default to appear.
  configure({ asyncUtilTimeout: 5_000 });
}
