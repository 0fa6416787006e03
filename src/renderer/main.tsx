// Renderer entry: picks the AppApi for this page and mounts the window.
import './styles/base.css';
import './styles/layout.css';
import './styles/panels.css';
import './styles/grid.css';
import './styles/arrays.css';
import './styles/views.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { selectApi } from './api/select-api.js';
import { App } from './app/App.js';
import { readCspNonce } from './app/csp-nonce.js';
import { NoHost } from './app/NoHost.js';

const root = createRoot(document.getElementById('root')!);
selectApi().then(
  (api) => root.render(<StrictMode>{api ? <App api={api} styleNonce={readCspNonce()} /> : <NoHost />}</StrictMode>),
  (e: unknown) => root.render(<NoHost error={e instanceof Error ? e.message : String(e)} />),
);
