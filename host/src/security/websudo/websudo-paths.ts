import type { Flavour } from '../../product/flavours.js';

/** Paths of WebSudo's pages in one flavour, and the query parameter that keeps the destination. */
export interface WebSudoPaths {
  readonly authenticate: string;
  readonly drop: string;
  readonly destinationParameter: string;
}

/** Returns the flavour's WebSudo paths. The prompt paths are Jira's and Confluence's, and the drop paths are this host's own. */
export function webSudoPathsOf(flavour: Flavour): WebSudoPaths {
  return flavour.id === 'jira'
    ? { authenticate: '/secure/admin/WebSudoAuthenticate.jspa', drop: '/secure/admin/WebSudoDrop.jspa', destinationParameter: 'webSudoDestination' }
    : { authenticate: '/authenticate.action', drop: '/dropauthentication.action', destinationParameter: 'destination' };
}
