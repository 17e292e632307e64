import { effect } from '@preact/signals';
import { render } from 'preact';
import { App } from './app.tsx';
import { loadAppState } from './app-state.ts';
import { connectLive, disconnectLive } from './live.ts';
import { registerServiceWorker } from './offline.ts';
import { signedIn } from './session.ts';
import './styles.css';

const root = document.getElementById('app');
if (root) render(<App />, root);
// The stream is for signed-in readers only: the public would be refused and retry for ever.
effect(() => (signedIn.value ? connectLive() : disconnectLive()));
registerServiceWorker();
void loadAppState().catch((err: unknown) => console.warn('could not load the catalogue', err));
