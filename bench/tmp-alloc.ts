import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
const session = new Session();
session.connect();
await session.post('HeapProfiler.enable');
await session.post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
process.on('beforeExit', async () => {});
(globalThis as Record<string, unknown>).__stopAlloc = async () => {
  const { profile } = await session.post('HeapProfiler.stopSampling');
  writeFileSync('/tmp/alloc.heapprofile', JSON.stringify(profile));
};
await import('./in-process-ingest.ts');
await ((globalThis as Record<string, unknown>).__stopAlloc as () => Promise<void>)();
