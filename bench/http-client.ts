import { Agent, request } from 'node:http';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** When the request was sent and when the whole reply had arrived (performance.now()). */
  sentAt: number;
  doneAt: number;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

/** A keep-alive HTTP/1.1 client on node:http, one socket per concurrent request, nothing else in the way. */
export class HttpClient {
  private readonly agent: Agent;

  constructor(readonly base: URL, sockets: number) {
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  }

  send(path: string, options: RequestOptions = {}): Promise<Reply> {
    const { method = 'GET', headers = {}, body } = options;
    const sentAt = performance.now();
    return new Promise((resolve, reject) => {
      const req = request(
        { host: this.base.hostname, port: this.base.port, path, method, agent: this.agent, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), sentAt, doneAt: performance.now() }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  async json<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const reply = await this.send(path, options);
    if (reply.status >= 300) throw new Error(`${options.method ?? 'GET'} ${path}: HTTP ${reply.status} ${reply.body.slice(0, 500)}`);
    return JSON.parse(reply.body) as T;
  }

  close(): void {
    this.agent.destroy();
  }
}
