import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import './print/print.css';
import './styles.css';

// The same bundle serves the app and its printouts, in two chunks: a print page loads only the print
// templates, not every screen of the app (a printout is ready sooner).
const isPrint = window.location.hash.startsWith('#/print/');

async function start(): Promise<ReactNode> {
  if (isPrint) {
    const { PrintView } = await import('./print/PrintView');
    return <PrintView />;
  }
  const { App } = await import('./App');
  return <App />;
}

void start().then((view) =>
  createRoot(document.getElementById('root')!).render(<StrictMode>{view}</StrictMode>),
);
