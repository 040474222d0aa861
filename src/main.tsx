import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { catalogFiles } from './app/catalog-files';
import { useCatalogStore } from './stores/use-catalog-store';
import { useLocaleStore } from './stores/use-locale-store';
import './styles.css';

document.documentElement.lang = useLocaleStore.getState().locale;
// Scenarios and rules are bundled texts: build the catalogue once, before the first render.
useCatalogStore.getState().load(catalogFiles);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
