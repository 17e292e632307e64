import type { Client } from './test-client.ts';

/** Anyone who can send a request: a signed-in client, a source system with its token, or nobody at all. */
export type Caller = Pick<Client, 'fetch'>;

/** No cookie, no token. */
export function publicCaller(baseUrl: string): Caller {
  return { fetch: (path, init = {}) => fetch(`${baseUrl}${path}`, init) };
}

/** A source system presenting its bearer token. */
export function tokenCaller(baseUrl: string, token: string): Caller {
  return {
    fetch(path, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${token}`);
      return fetch(`${baseUrl}${path}`, { ...init, headers });
    },
  };
}

/** A browser that has the session cookie but not the CSRF token: what another site can make it send. */
export function cookieOnlyCaller(baseUrl: string, client: Client, csrfToken?: string): Caller {
  return {
    fetch(path, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('cookie', client.cookie);
      if (csrfToken !== undefined) headers.set('x-csrf-token', csrfToken);
      return fetch(`${baseUrl}${path}`, { ...init, headers });
    },
  };
}

/** A request as the tests describe it: JSON, text (NDJSON, CSV) or bytes, with a method and a path. */
export interface RequestSpec {
  method: 'POST' | 'PUT' | 'DELETE';
  path: string;
  json?: unknown;
  text?: string;
  contentType?: string;
}

export function send(caller: Caller, spec: RequestSpec): Promise<Response> {
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (spec.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(spec.json);
  } else if (spec.text !== undefined) {
    headers['content-type'] = spec.contentType ?? 'text/plain';
    body = spec.text;
  }
  return caller.fetch(spec.path, { method: spec.method, headers, body });
}
