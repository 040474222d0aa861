import { StrictMode } from 'react';
import type { Scenario } from './core/scenario-schema';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { watchForUpdates } from './components/layout/update-prompt';
import { checkStorageHealth, noteStorageError } from './data/storage-health';
import { LEARNER_ONLY } from './lms/learner-only';
import { scormLaunch } from './lms/scorm-launch';
import { useLocaleStore } from './stores/use-locale-store';
import './styles.css';

document.documentElement.lang = useLocaleStore.getState().locale;

// LMS/LRS reporting (SCORM, xAPI) is not first-screen code. Inside an LMS frame it connects
// before the first render, so the LMS learner is the profile before any scenario starts;
// elsewhere it connects with the catalogue, when the trainee leaves the start page.
// An LMS activity launches `index.html?scenario=ID[&mode=exam]`: it opens on that scenario.
const launch = scormLaunch(window.location.search);
// Set once the catalogue is loaded: statements name a step's line and choice-mode options.
let scenarioOf: ((id: string) => Scenario | undefined) | undefined;
const connectLearningPlatforms = () =>
  import('./lms/lms-connection').then((module) =>
    module.connectLearningPlatforms(undefined, launch, (id) => scenarioOf?.(id)),
  );
const inFrame = window.parent !== window || window.opener !== null;

if (launch && ['', '#', '#/'].includes(window.location.hash))
  window.location.replace(
    `#/practice/${encodeURIComponent(launch.scenarioId)}?mode=${launch.mode ?? 'coach'}`,
  );
const connected = inFrame ? connectLearningPlatforms().catch(() => undefined) : Promise.resolve();

void connected.then(() => {
  const root = document.getElementById('root');
  if (root) {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  }
});

// The catalogue (scenarios, rules, analyzer; validated at build time) is not needed by the
// start page: it loads when the trainee leaves it, and those pages show "loading" until then.
let catalogueRequested = false;
function loadCatalogue(): void {
  if (catalogueRequested) return;
  catalogueRequested = true;
  if (!inFrame) void connectLearningPlatforms().catch(() => undefined);
  // The traditional-character converter comes with the catalogue, so the analyzer is built once.
  const converter = import('./core/traditional').then((module) =>
    module.loadTraditionalConverter().catch(() => undefined),
  );
  void Promise.all([
    import('./stores/use-catalog-store'),
    import('./app/catalog-files'),
    import('virtual:servicedojo-catalog'),
    converter,
  ]).then(([{ useCatalogStore }, { catalogFiles }, { default: built }, toSimplified]) => {
    scenarioOf = (id) => useCatalogStore.getState().scenarioById(id);
    if (useCatalogStore.getState().status !== 'loading') return;
    if (toSimplified) useCatalogStore.setState({ toSimplified });
    useCatalogStore.getState().load({ ...catalogFiles, built });
  });
}
if (['', '#', '#/'].includes(window.location.hash))
  window.addEventListener('hashchange', loadCatalogue, { once: true });
else loadCatalogue();

// Private mode or a full disk: the app still runs, and the banner says records are not kept.
void checkStorageHealth();
window.addEventListener('unhandledrejection', (event) => noteStorageError(event.reason));

// Offline: the service worker (vite-plugin-pwa, generateSW) precaches the app after one visit.
// A new deploy's worker waits until the trainee accepts the update (the banner in the shell).
// The learner-only build packed for an LMS registers none (LMS security reviews refuse it).
if (
  import.meta.env.PROD &&
  !LEARNER_ONLY &&
  'serviceWorker' in navigator &&
  window.isSecureContext
) {
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register('./sw.js', { scope: './' })
      .then((registration) => watchForUpdates(registration))
      .catch(() => {
        // No worker (file://, an LMS sandbox): the app works online as before.
      });
  });
}
