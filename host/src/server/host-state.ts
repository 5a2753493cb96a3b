import type { User } from '@plughost/sdk';
import type { SessionRow } from '../auth/session-store.js';

/** What the host's middleware learns about a request, kept on `ctx.state`. */
export interface HostState {
  requestId: string;
  /** Address of the connecting peer, with IPv4-mapped IPv6 written as IPv4. */
  remoteAddress: string;
  user: User | undefined;
  /** `anonymous`, `session`, `basic` or the name of the plugin authenticator that succeeded. */
  authMethod: string;
  session: { id: string; row: SessionRow } | undefined;
  /** Set by the WebSudo gate on admin pages with an active grant: the layout shows the "Drop access" banner. */
  webSudoBanner?: { dropPath: string };
}

export function isRestPath(path: string): boolean {
  return path === '/rest' || path.startsWith('/rest/');
}
