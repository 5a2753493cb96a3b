import { parseArgs } from 'node:util';
import path from 'node:path';

/** Options of a host run, from flags first, then environment variables, then defaults. */
export interface HostOptions {
  readonly product: 'jira' | 'confluence';
  readonly port: number;
  readonly listen: string;
  readonly dataDir: string;
  /** Public URL; undefined means `http://<bound address>:<bound port>`, known after listening. */
  readonly baseUrl: string | undefined;
  readonly adminPassword: string | undefined;
  /** Lets tests move the host clock through a REST call. Never set in production. */
  readonly testClock: boolean;
}

export class OptionsError extends Error {
  override name = 'OptionsError';
}

export const optionsHelp = `Usage: plughost [options]
       plughost plugin <install|list|enable|disable|uninstall> ...

Options (a flag wins over its environment variable):
  --product jira|confluence  PLUGHOST_PRODUCT   product flavour (default: jira)
  --port N                   PLUGHOST_PORT      TCP port (default: 2990 for jira, 1990 for confluence)
  --listen ADDRESS           PLUGHOST_LISTEN    bind address (default: 127.0.0.1)
  --data-dir PATH            PLUGHOST_DATA_DIR  database, logs and plugins (default: ./data)
  --base-url URL             PLUGHOST_BASE_URL  public URL used in links (default: http://<listen>:<port>)
  --test-clock               PLUGHOST_TEST_CLOCK=1  test hooks: REST calls that move the host clock and
                                                write log lines; never use it in production
  -h, --help                                    show this help

Environment only:
  PLUGHOST_ADMIN_PASSWORD  password of the user admin created on first start; without it a
                           random one is printed once and written to <data-dir>/initial-admin-password
`;

const optionSpec = {
  product: { type: 'string' },
  port: { type: 'string' },
  listen: { type: 'string' },
  'data-dir': { type: 'string' },
  'base-url': { type: 'string' },
  'test-clock': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses the command line and environment. Throws OptionsError naming the bad value. */
export function parseHostOptions(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): { help: true } | { help: false; options: HostOptions } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: optionSpec, strict: true, allowPositionals: false });
  } catch (error) {
    throw new OptionsError(`${(error as Error).message}. Run with --help to list the options.`);
  }
  const values = parsed.values;
  if (values.help) return { help: true };

  const product = values.product ?? env.PLUGHOST_PRODUCT ?? 'jira';
  if (product !== 'jira' && product !== 'confluence') {
    throw new OptionsError(`invalid product "${product}": use jira or confluence`);
  }
  const portText = values.port ?? env.PLUGHOST_PORT ?? (product === 'jira' ? '2990' : '1990');
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new OptionsError(`invalid port "${portText}": use a number from 0 to 65535`);
  }
  const listen = values.listen ?? env.PLUGHOST_LISTEN ?? '127.0.0.1';
  const dataDir = path.resolve(values['data-dir'] ?? env.PLUGHOST_DATA_DIR ?? './data');
  const baseUrl = values['base-url'] ?? env.PLUGHOST_BASE_URL;
  if (baseUrl !== undefined && !isHttpUrl(baseUrl)) {
    throw new OptionsError(`invalid base URL "${baseUrl}": use an http or https URL such as http://127.0.0.1:2990`);
  }
  return {
    help: false,
    options: {
      product,
      port,
      listen,
      dataDir,
      baseUrl: baseUrl?.replace(/\/+$/, ''),
      adminPassword: env.PLUGHOST_ADMIN_PASSWORD || undefined,
      testClock: values['test-clock'] === true || env.PLUGHOST_TEST_CLOCK === '1',
    },
  };
}

/** Builds the base URL of a server bound to `address:port`, using loopback for a wildcard address. */
export function defaultBaseUrl(address: string, port: number): string {
  let host = address;
  if (address === '0.0.0.0') host = '127.0.0.1';
  if (address === '::') host = '::1';
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
