import { HttpClient } from './http-client.ts';

export interface ReadRun {
  /** Latency of every request, ms, from sending it to the whole reply. */
  latencies: number[];
  ms: number;
  requestsPerSecond: number;
}

/**
 * `clients` closed-loop clients, each on its own keep-alive socket, each sending its next request as soon as the
 * previous reply is in, until `requests` replies or `budgetMs` have passed (requests in flight then still finish).
 */
export async function readLoad(url: URL, path: string, cookie: string, clients: number, requests: number, budgetMs: number): Promise<ReadRun> {
  const client = new HttpClient(url, clients);
  const latencies: number[] = [];
  let issued = 0;
  const started = performance.now();
  const deadline = started + budgetMs;
  const loop = async () => {
    while (issued < requests && performance.now() < deadline) {
      issued++;
      // As a browser asks: the compressed answer, kept compressed in the read cache.
      const reply = await client.send(path, { headers: { cookie, 'accept-encoding': 'br, gzip' } });
      if (reply.status !== 200) throw new Error(`GET ${path}: HTTP ${reply.status} ${reply.body.slice(0, 500)}`);
      latencies.push(reply.doneAt - reply.sentAt);
    }
  };
  try {
    // Open every socket first, so the runs time requests rather than TCP handshakes.
    await Promise.all(Array.from({ length: clients }, () => client.send('/api/health')));
    const began = performance.now();
    await Promise.all(Array.from({ length: clients }, loop));
    const ms = performance.now() - began;
    return { latencies, ms, requestsPerSecond: (latencies.length * 1_000) / ms };
  } finally {
    client.close();
  }
}
