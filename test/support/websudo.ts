import { PageClient } from './session.js';

/** The WebSudo prompt of each flavour and the field that keeps the destination. */
export const webSudoPaths = {
  jira: { authenticate: '/secure/admin/WebSudoAuthenticate.jspa', drop: '/secure/admin/WebSudoDrop.jspa', destination: 'webSudoDestination' },
  confluence: { authenticate: '/authenticate.action', drop: '/dropauthentication.action', destination: 'destination' },
} as const;

/** Enters the password on the WebSudo prompt, so the session may open admin pages; returns the response. */
export async function grantWebSudo(client: PageClient, product: 'jira' | 'confluence', password: string, destination = '/') {
  const paths = webSudoPaths[product];
  const prompt = await client.get(`${paths.authenticate}?${paths.destination}=${encodeURIComponent(destination)}`);
  if (prompt.status !== 200) throw new Error(`the WebSudo prompt answered ${prompt.status}`);
  return client.post(paths.authenticate, { atl_token: PageClient.tokenOf(prompt.text), [paths.destination]: destination, webSudoPassword: password });
}
