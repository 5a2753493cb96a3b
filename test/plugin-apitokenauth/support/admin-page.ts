/** Helpers for tests of the plugin's admin page. */
import { PageClient } from '../../support/session.js';

export const adminPagePath = '/plugins/servlet/apitokenauth/admin';

/** The settings form of a fresh install, as the page would post it with Save. */
export function settingsFormFields(atlToken: string, overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return { atl_token: atlToken, tab: 'settings', action: 'save', maxValidity: 'NEVER', ipRestriction: [], newIpRestriction: '', trustedProxy: [], newTrustedProxy: '', clientIpHeader: 'X-Forwarded-For', ...overrides };
}

/** Opens a tab of the admin page and posts a form built from its `atl_token`. */
export async function postAdminForm(client: PageClient, tab: 'settings' | 'permissions', build: (atlToken: string) => Record<string, string | string[]>) {
  const page = await client.get(`${adminPagePath}?tab=${tab}`);
  if (page.status !== 200) throw new Error(`opening the ${tab} tab returned ${page.status}`);
  return client.post(adminPagePath, build(PageClient.tokenOf(page.text)));
}

/** Returns the codes of the warnings the page shows. */
export function warningCodes(html: string): string[] {
  return [...html.matchAll(/<li data-code="([A-Z_]+)">/g)].map((match) => match[1]!);
}
