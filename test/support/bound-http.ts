/**
 * HTTP requests sent from a chosen local address, so a test host on loopback gets connections from
 * different peers: 127.0.0.2, 127.0.0.3 and so on (Linux routes all of 127.0.0.0/8 to the loopback
 * interface) or ::1.
 */
import http from 'node:http';
import net from 'node:net';

export interface BoundResponse<T = any> {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The parsed body when the response is JSON. */
  body: T;
}

export interface BoundRequestOptions {
  /** The source address of the connection, which the host reports as the peer. */
  from: string;
  method?: string;
  auth?: string;
  cookie?: string;
  json?: unknown;
  /** An array value is sent as repeated header lines. */
  headers?: Record<string, string | string[]>;
}

/** Sends one request on a new connection from `options.from` and reads the whole response. */
export function requestFrom<T = any>(url: string, options: BoundRequestOptions): Promise<BoundResponse<T>> {
  const headers: Record<string, string | string[]> = { ...options.headers };
  if (options.auth) headers.authorization = options.auth;
  if (options.cookie) headers.cookie = options.cookie;
  const body = options.json === undefined ? undefined : JSON.stringify(options.json);
  if (body !== undefined) headers['content-type'] = 'application/json';

  return new Promise((resolve, reject) => {
    // agent: false opens a new connection, so no pooled socket from another address is reused.
    const outgoing = http.request(url, { method: options.method ?? 'GET', headers, localAddress: options.from, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const isJson = (response.headers['content-type'] ?? '').includes('json') && text.length > 0;
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text, body: (isJson ? JSON.parse(text) : undefined) as T });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** Checks whether this machine can listen on the IPv6 loopback address ::1. */
export async function hasIpv6Loopback(): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(0, '::1', () => server.close(() => resolve(true)));
  });
}
