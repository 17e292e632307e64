import { readFile } from 'node:fs/promises';
import type { Plugin } from 'vite';

type Ring = [number, number][];
interface Feature { type: 'Feature'; id?: string; properties: Record<string, unknown>; geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown } }

const ID = 'virtual:vn-provinces';
/** About 1 km: provinces stay recognisable on a wall screen; the file shrinks from 1.7 MB to a small hashed chunk. */
const TOLERANCE = 0.01;

/**
 * `import map from 'virtual:vn-provinces'` gives the 34 provinces of data/vn-provinces.geojson, simplified at build
 * time. Small islands — Hoàng Sa and Trường Sa among them — are kept whole: a map of Vietnam must always show them.
 */
export function vnMap(file: string): Plugin {
  return {
    name: 'nhipso-vn-map',
    resolveId: (id) => (id === ID ? `\0${ID}` : undefined),
    async load(id) {
      if (id !== `\0${ID}`) return undefined;
      this.addWatchFile(file);
      const source = JSON.parse(await readFile(file, 'utf8')) as { features: Feature[] };
      const features = source.features.map((f) => ({
        type: 'Feature',
        id: f.id,
        properties: { code: f.properties.code, name: f.properties.name, nameEn: f.properties.nameEn },
        geometry: { type: 'MultiPolygon', coordinates: polygonsOf(f).map((polygon) => polygon.map(simplifyRing)) },
      }));
      return `export default ${JSON.stringify({ type: 'FeatureCollection', features })};`;
    },
  };
}

function polygonsOf(f: Feature): Ring[][] {
  return f.geometry.type === 'Polygon' ? [f.geometry.coordinates as Ring[]] : (f.geometry.coordinates as Ring[][]);
}

function simplifyRing(ring: Ring): Ring {
  const round = (p: [number, number]): [number, number] => [Math.round(p[0] * 1000) / 1000, Math.round(p[1] * 1000) / 1000];
  const simple = douglasPeucker(ring, TOLERANCE);
  return (simple.length >= 4 ? simple : ring).map(round);
}

function douglasPeucker(points: Ring, tolerance: number): Ring {
  if (points.length <= 4) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [from, to] = stack.pop() ?? [0, 0];
    let worst = -1;
    let index = -1;
    for (let i = from + 1; i < to; i++) {
      const d = distance(points[i], points[from], points[to]);
      if (d > worst) [worst, index] = [d, i];
    }
    if (worst > tolerance && index > 0) {
      keep[index] = 1;
      stack.push([from, index], [index, to]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

function distance(p: [number, number] | undefined, a: [number, number] | undefined, b: [number, number] | undefined): number {
  if (!p || !a || !b) return 0;
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const length = Math.hypot(dx, dy);
  if (length === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  return Math.abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / length;
}
