import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Functions with the most self time (native SQLite calls count as self time of their JavaScript caller). */
  self: string[];
  /** Functions of the project (src/) with the most time including what they call (async callers only partly). */
  inclusive: string[];
}

/** Reads V8 CPU profiles (`node --cpu-prof`, all threads), leaving idle time out. */
export function summariseProfile(files: readonly string[], top: number): ProfileSummary {
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    profile.samples.forEach((id, i) => {
      const frame = nodes.get(id)?.callFrame;
      if (!frame || frame.functionName === '(idle)') return;
      const dt = profile.timeDeltas[i] ?? 0;
      total += dt;
      add(self, frameName(frame), dt);
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const f = nodes.get(at)?.callFrame;
        if (!f || !f.url.includes('/src/')) continue;
        const name = frameName(f);
        if (!seen.has(name)) add(inclusive, name, dt);
        seen.add(name);
      }
    });
  }
  const list = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, t]) => `${name} ${((t * 100) / total).toFixed(1)} %`);
  return { self: list(self), inclusive: list(inclusive) };
}

function add(m: Map<string, number>, key: string, dt: number): void {
  m.set(key, (m.get(key) ?? 0) + dt);
}

function frameName(frame: { functionName: string; url: string }): string {
  const name = frame.functionName || '(anonymous)';
  return frame.url ? `${name} (${basename(frame.url)})` : name;
}
