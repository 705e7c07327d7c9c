import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import './shared/i18n';
import { App } from './App';
import { installTestHooks } from './lib/backend';

// Only in `--test-clock` runs does the shell answer; otherwise nothing is installed.
void installTestHooks();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
