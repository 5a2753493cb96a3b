import { copyTokenScript, tokenTabsTemplate } from './token-tabs.js';

/** The page URL that every Token Manager form posts to. */
const managerUrl = '{{baseUrl}}/plugins/servlet/apitokenauth/tokens?tab=manager';

/**
 * Returns the hidden fields of every changing form: the `atl_token`, and the current filter so
 * the list shows the same tokens after the post. `scope` is the Handlebars path to the page
 * context, such as `../` in a loop.
 */
function formStateFields(scope = ''): string {
  return `<input type="hidden" name="atl_token" value="{{${scope}atlToken}}">
    <input type="hidden" name="usernames" value="{{${scope}filter.usernames}}">
    <input type="hidden" name="text" value="{{${scope}filter.text}}">
    <input type="hidden" name="start" value="{{${scope}filter.start}}">
    <input type="hidden" name="limit" value="{{${scope}filter.limit}}">`;
}

/**
 * The Handlebars source of the "Token Manager" tab. Every value goes through `{{...}}`, which
 * escapes it. Changes are form posts with `atl_token`. The filter is a GET form, so a filtered
 * list can be bookmarked and paged with plain links.
 */
export const tokenManagerTemplate = `
<h1>API Token Authentication</h1>
${tokenTabsTemplate('manager')}
{{#if success}}<div class="message success" id="token-success">{{success}}</div>{{/if}}
{{#if error}}<div class="message error" id="token-error">{{error}}{{#each fieldErrors}}<div class="field-error">{{this}}</div>{{/each}}</div>{{/if}}
{{#if tokenNoLongerShown}}
<div class="message info" id="token-no-longer-shown">The token is no longer shown: it is shown only once, right after it is created.
  If it was not copied, delete it below and create a new one.</div>
{{/if}}
{{#if newToken}}
<div class="message warning" id="new-token-box">
  <p>The new API token of <strong id="new-token-owner">{{newToken.username}}</strong>, described as “<strong>{{newToken.description}}</strong>”:</p>
  <p><code class="secret" id="new-token-value">{{newToken.rawToken}}</code>
     <button type="button" class="secondary" id="copy-token" hidden>Copy</button> <span id="copy-status" role="status"></span></p>
  <p><strong>Copy it now: it will not be shown again.</strong> Hand it to {{newToken.username}} over a secure channel.
     It works as the password with their user name in Basic authentication, or as a Bearer token.</p>
</div>
${copyTokenScript}
{{/if}}
{{#if confirm}}
<div class="message warning" id="delete-confirmation">
  <p>{{confirm.question}}</p>
  <form method="post" action="${managerUrl}" class="inline">
    ${formStateFields()}
    <input type="hidden" name="action" value="{{confirm.action}}">
    <input type="hidden" name="id" value="{{confirm.id}}">
    <input type="hidden" name="owner" value="{{confirm.owner}}">
    <button type="submit" class="danger" id="confirm-delete">Delete</button>
  </form>
  <a class="button secondary" id="cancel-delete" href="{{baseUrl}}{{cancelUrl}}">Cancel</a>
</div>
{{/if}}
<h2>Find tokens</h2>
<form class="aui" method="get" action="{{baseUrl}}/plugins/servlet/apitokenauth/tokens" id="token-filter-form">
  <input type="hidden" name="tab" value="manager">
  <label for="filter-usernames">Users (comma-separated, empty for all)</label>
  <input type="text" id="filter-usernames" name="usernames" value="{{filter.usernames}}" placeholder="alice, bob">
  <label for="filter-text">Description contains</label>
  <input type="text" id="filter-text" name="text" maxlength="255" value="{{filter.text}}">
  <p><button type="submit" id="filter-tokens">Filter</button></p>
</form>
{{#if list.tokens.length}}
<p id="token-count">Tokens {{list.first}} to {{list.last}} of {{list.total}}, by user and newest first.</p>
<table id="manager-token-list">
  <thead><tr><th>User</th><th>Description</th><th>Created</th><th>Created by</th><th>Expires</th><th>Last used</th><th></th></tr></thead>
  <tbody>
  {{#each list.tokens}}
  <tr data-token-id="{{id}}" data-owner="{{username}}">
    <td class="token-owner">{{username}}</td>
    <td class="token-description">{{description}}</td>
    <td>{{created}}</td>
    <td>{{createdBy}}</td>
    <td>{{expires}}</td>
    <td>{{lastUsed}}{{#if lastUsedIp}} from {{lastUsedIp}}{{/if}}</td>
    <td>
      <form method="post" action="{{../baseUrl}}/plugins/servlet/apitokenauth/tokens?tab=manager" class="inline">
        ${formStateFields('../')}
        <input type="hidden" name="action" value="delete">
        <input type="hidden" name="id" value="{{id}}">
        <button type="submit" class="secondary delete-token">Delete</button>
      </form>
    </td>
  </tr>
  {{/each}}
  </tbody>
</table>
<p class="paging">
  {{#if list.previousUrl}}<a id="previous-page" href="{{baseUrl}}{{list.previousUrl}}">Previous</a>{{/if}}
  {{#if list.nextUrl}}<a id="next-page" href="{{baseUrl}}{{list.nextUrl}}">Next</a>{{/if}}
</p>
{{else}}
<p id="no-tokens">{{#if list.total}}No tokens on this page: go back to the first page.{{else}}No tokens match the filter.{{/if}}</p>
{{/if}}
<h2>Create a token for a user</h2>
<form class="aui" method="post" action="${managerUrl}" id="create-for-user-form">
  ${formStateFields()}
  <input type="hidden" name="action" value="create">
  <label for="create-owner">User</label>
  <input type="text" id="create-owner" name="owner" maxlength="255" value="{{form.owner}}" required>
  <label for="create-description">Description</label>
  <input type="text" id="create-description" name="description" maxlength="255" value="{{form.description}}" required>
  <label for="create-validity">Valid for</label>
  <select id="create-validity" name="validity">
    {{#each validityOptions}}<option value="{{value}}"{{#if selected}} selected{{/if}}>{{label}}</option>{{/each}}
  </select>
  <p><button type="submit" id="create-for-user">Create token</button></p>
</form>
<h2>Delete all tokens of a user</h2>
<form class="aui" method="post" action="${managerUrl}" id="delete-all-of-user-form">
  ${formStateFields()}
  <input type="hidden" name="action" value="delete-all">
  <label for="delete-all-owner">User</label>
  <input type="text" id="delete-all-owner" name="owner" maxlength="255" value="{{deleteAllOwner}}" required>
  <p><button type="submit" class="danger" id="delete-all-of-user">Delete all tokens of this user</button></p>
</form>
`;
