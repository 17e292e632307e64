/** One turn of the event loop: pending I/O (request bodies, new requests) runs before the promise settles. */
export const yieldToLoop = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/** How long synchronous work may hold the event loop between two `breathe` turns. */
const BREATH_MS = 40;
let lastBreath = performance.now();

/**
 * Called often by long work (a fold of 200,000 events runs ~0.7 s of JavaScript and SQLite calls): every ~40 ms it
 * lets the event loop turn once, so request bodies arriving meanwhile are read and handed to the parse worker, which
 * then parses them on the other core while the fold goes on. Between turns it resolves at once.
 */
export async function breathe(): Promise<void> {
  const now = performance.now();
  if (now - lastBreath < BREATH_MS) return;
  lastBreath = now;
  return yieldToLoop();
}
