import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runnerImport, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const CATALOG_ID = 'virtual:servicedojo-catalog';

/**
 * `virtual:servicedojo-catalog`: the scenarios and rules validated at build time, so the browser
 * starts without parsing YAML (hundreds of milliseconds on an old PC). Broken files are carried
 * as errors, exactly as the runtime loader would report them.
 */
function builtCatalog(): Plugin {
  return {
    name: 'servicedojo-built-catalog',
    resolveId(id) {
      return id === CATALOG_ID ? `\0${CATALOG_ID}` : undefined;
    },
    async load(id) {
      if (id !== `\0${CATALOG_ID}`) return undefined;
      // Through Vite's module runner, so the config itself stays free of src/ imports.
      const [{ module: rulesModule }, { module: scenariosModule }] = await Promise.all([
        runnerImport<typeof import('./src/core/rule-loader')>('./src/core/rule-loader.ts', {
          configFile: false,
        }),
        runnerImport<typeof import('./src/core/scenario-loader')>('./src/core/scenario-loader.ts', {
          configFile: false,
        }),
      ]);
      const { loadRulePacks } = rulesModule;
      const { loadScenarios } = scenariosModule;
      const read = (folder: string) =>
        readdirSync(folder)
          .filter((name) => name.endsWith('.yaml'))
          // The order of src/app/catalog-files.ts, so errors and duplicates read the same.
          .sort((a, b) => a.localeCompare(b))
          .map((name) => {
            const file = `${folder}/${name}`;
            this.addWatchFile(resolve(file));
            return { file, text: readFileSync(file, 'utf8') };
          });
      const rules = loadRulePacks(read('scenarios/rules'));
      const scenarios = loadScenarios(read('scenarios'));
      const catalog = {
        rules: rules.rules,
        procedures: rules.procedures,
        scenarios: scenarios.scenarios,
        errors: [...rules.errors, ...scenarios.errors],
      };
      // JSON.parse of a string literal is faster for engines than the same object literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(catalog))});`;
    },
  };
}

export default defineConfig(({ mode }) => ({
  plugins: [
    react(),
    builtCatalog(),
    // `vite build --mode scorm` (the learner-only build packed for an LMS) has no service worker.
    mode !== 'scorm' &&
      VitePWA({
        strategies: 'generateSW',
        // A new deploy's worker waits for the trainee's consent (layout/update-prompt.tsx):
        // taking over at once would delete the chunks of the build still open in the page.
        registerType: 'prompt',
        // src/main.tsx registers the worker itself (production builds only).
        injectRegister: false,
        includeAssets: ['icon.svg', 'apple-touch-icon.png'],
        manifest: {
          id: './',
          name: '服务道场 ServiceDojo',
          short_name: '服务道场',
          description: '客户服务对话陪练：和模拟顾客对练，按培训教材逐句评分',
          lang: 'zh-CN',
          start_url: './',
          scope: './',
          display: 'standalone',
          background_color: '#ffffff',
          theme_color: '#0b5cad',
          icons: [
            { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
            { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
            {
              src: 'icon-maskable-512.png',
              sizes: '512x512',
              type: 'image/png',
              purpose: 'maskable',
            },
          ],
        },
        workbox: {
          // The whole app shell, every lazy page and the bundled scenarios: practice works offline.
          globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
          navigateFallback: 'index.html',
          maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
          cleanupOutdatedCaches: true,
          // The first install controls the open page at once (offline after one visit); later
          // workers wait until the page posts {type: 'SKIP_WAITING'}.
          clientsClaim: true,
          skipWaiting: false,
        },
      }),
  ],
  // Relative base so the same build runs from any folder (an LMS serves SCORM packages from a sub-path).
  base: './',
  build: { target: 'es2022', sourcemap: false },
  test: {
    setupFiles: ['tests/setup.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          setupFiles: [],
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One browser at a time: the CI machine has two cores.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          include: ['tests/component/**/*.test.tsx'],
          environment: 'jsdom',
        },
      },
    ],
  },
}));
