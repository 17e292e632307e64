// The batch parser's worker thread runs TypeScript, as the rest of the server does: tsx first, then the module.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
