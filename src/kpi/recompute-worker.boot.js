// Recompute's scanning threads run TypeScript, as the rest of the server does: tsx first, then the module.
import { register } from 'tsx/esm/api';

register();
await import('./recompute-worker.ts');
