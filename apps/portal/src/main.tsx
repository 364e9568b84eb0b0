import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createAppRouter } from './providers/router';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const AppRouter = createAppRouter(<App />);

createRoot(container).render(
  <StrictMode>
    <AppRouter />
  </StrictMode>,
);
