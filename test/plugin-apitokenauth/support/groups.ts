/** Group helpers for integration tests of the token plugin. */
import type { TestHost } from '../../support/test-host.js';
import { request } from '../../support/http.js';
import { adminAuth } from './token-host.js';

/** Creates a group through the host's REST API. */
export async function createGroup(host: TestHost, name: string): Promise<void> {
  const response = await request(`${host.url}/rest/api/2/group`, { method: 'POST', auth: adminAuth, json: { name } });
  if (response.status !== 201) throw new Error(`creating group ${name} failed with ${response.status}: ${response.text}`);
}

/** Adds a user to a group through the host's REST API. */
export async function addToGroup(host: TestHost, group: string, username: string): Promise<void> {
  const response = await request(`${host.url}/rest/api/2/group/user?groupname=${encodeURIComponent(group)}`, { method: 'POST', auth: adminAuth, json: { name: username } });
  if (response.status !== 201) throw new Error(`adding ${username} to ${group} failed with ${response.status}: ${response.text}`);
}

/** The permissions of a fresh Jira install. */
export const jiraDefaultPermissions = {
  useTokens: { allowEveryone: true, groups: [] },
  createOwnTokens: { allowEveryone: true, groups: [] },
  createTokensForOthers: { allowEveryone: false, groups: ['jira-administrators'] },
};
