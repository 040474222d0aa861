import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { serveStatic } from '../../src/node/static-server';
import { installRealLrs } from './real-lrs';

/** Serves the built app (dist/, made by `vite build` before the e2e run) for every spec. */
export default async function setup(project: TestProject) {
  if (!existsSync('dist/index.html'))
    throw new Error('dist/ is missing: run `npm run build` first');
  installRealLrs();
  const server = await serveStatic('dist');
  project.provide('appUrl', server.url);
  return () => server.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
  }
}
