import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { parsePrintRoute, PrintView } from './print/PrintView';
import './print/print.css';
import './styles.css';

// The same bundle serves the app and its printouts: a print route renders only the printout.
const printRoute = parsePrintRoute(window.location.hash);

createRoot(document.getElementById('root')!).render(
  <StrictMode>{printRoute ? <PrintView route={printRoute} /> : <App />}</StrictMode>,
);
