import { render } from 'preact';
import { App } from './app.tsx';
import { loadAppState } from './app-state.ts';
import { connectLive } from './live.ts';
import './styles.css';

const root = document.getElementById('app');
if (root) render(<App />, root);
connectLive();
void loadAppState().catch((err: unknown) => console.warn('could not load the catalogue', err));
