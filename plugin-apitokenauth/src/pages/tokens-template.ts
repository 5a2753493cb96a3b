import { copyTokenScript, tokenTabsTemplate } from './token-tabs.js';

/**
 * The Handlebars source of the "My API Tokens" page. Every value goes through `{{...}}`, which
 * escapes it; the page works with plain form posts, and the inline script only adds the copy
 * button.
 */
export const tokensPageTemplate = `
<h1>API Token Authentication</h1>
${tokenTabsTemplate('mine')}
{{#if success}}<div class="message success" id="token-success">{{success}}</div>{{/if}}
{{#if error}}<div class="message error" id="token-error">{{error}}{{#each fieldErrors}}<div class="field-error">{{this}}</div>{{/each}}</div>{{/if}}
{{#unless permissions.any}}
<div class="message info" id="token-no-permission">You are not allowed to use or create API tokens. Ask an administrator if you need one.</div>
{{else}}
{{#if tokenNoLongerShown}}
<div class="message info" id="token-no-longer-shown">The token is no longer shown: it is shown only once, right after it is created.
  If you did not copy it, delete it below and create a new one.</div>
{{/if}}
{{#if newToken}}
<div class="message warning" id="new-token-box">
  <p>Your new API token for <strong>{{newToken.description}}</strong>:</p>
  <p><code class="secret" id="new-token-value">{{newToken.rawToken}}</code>
     <button type="button" class="secondary" id="copy-token" hidden>Copy</button> <span id="copy-status" role="status"></span></p>
  <p><strong>Copy it now: it will not be shown again.</strong> Use it as the password with your user name in Basic authentication, or as a Bearer token.</p>
</div>
${copyTokenScript}
{{/if}}
{{#if confirm}}
<div class="message warning" id="delete-confirmation">
  <p>{{confirm.question}}</p>
  <form method="post" action="{{baseUrl}}/plugins/servlet/apitokenauth/tokens" class="inline">
    <input type="hidden" name="atl_token" value="{{atlToken}}">
    <input type="hidden" name="action" value="{{confirm.action}}">
    <input type="hidden" name="id" value="{{confirm.id}}">
    <button type="submit" class="danger" id="confirm-delete">Delete</button>
  </form>
  <a class="button secondary" id="cancel-delete" href="{{baseUrl}}/plugins/servlet/apitokenauth/tokens">Cancel</a>
</div>
{{/if}}
{{#if permissions.canCreateOwnTokens}}
<h2>Create a token</h2>
<form class="aui" method="post" action="{{baseUrl}}/plugins/servlet/apitokenauth/tokens" id="create-token-form">
  <input type="hidden" name="atl_token" value="{{atlToken}}">
  <input type="hidden" name="action" value="create">
  <label for="token-description">Description</label>
  <input type="text" id="token-description" name="description" maxlength="255" value="{{form.description}}" required>
  <label for="token-validity">Valid for</label>
  <select id="token-validity" name="validity">
    {{#each validityOptions}}<option value="{{value}}"{{#if selected}} selected{{/if}}>{{label}}</option>{{/each}}
  </select>
  <p><button type="submit" id="create-token">Create token</button></p>
</form>
{{/if}}
<h2>My tokens</h2>
{{#if tokens.length}}
<table id="token-list">
  <thead><tr><th>Description</th><th>Created</th><th>Expires</th><th>Last used</th><th></th></tr></thead>
  <tbody>
  {{#each tokens}}
  <tr data-token-id="{{id}}">
    <td class="token-description">{{description}}</td>
    <td>{{created}}</td>
    <td>{{expires}}</td>
    <td>{{lastUsed}}{{#if lastUsedIp}} from {{lastUsedIp}}{{/if}}</td>
    <td>
      <form method="post" action="{{../baseUrl}}/plugins/servlet/apitokenauth/tokens" class="inline">
        <input type="hidden" name="atl_token" value="{{../atlToken}}">
        <input type="hidden" name="action" value="delete">
        <input type="hidden" name="id" value="{{id}}">
        <button type="submit" class="secondary delete-token">Delete</button>
      </form>
    </td>
  </tr>
  {{/each}}
  </tbody>
</table>
<form method="post" action="{{baseUrl}}/plugins/servlet/apitokenauth/tokens">
  <input type="hidden" name="atl_token" value="{{atlToken}}">
  <input type="hidden" name="action" value="delete-all">
  <p><button type="submit" class="danger" id="delete-all-tokens">Delete all my tokens</button></p>
</form>
{{else}}
<p id="no-tokens">You have no API tokens.</p>
{{/if}}
{{/unless}}
`;
