import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { useLocaleStore } from './stores/use-locale-store';
import './styles.css';

document.documentElement.lang = useLocaleStore.getState().locale;

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
