/**
 * The Handlebars source of the admin page, one template per tab. Every value goes through
 * `{{...}}`, which escapes it. Both tabs are plain forms: adding or removing a list entry posts
 * the form and keeps the unsaved values, so the page works without JavaScript. The script only
 * makes Enter in an "add" field add the entry instead of saving.
 */

const header = `
<h1>API Token Authentication</h1>
<ul class="tabs" id="admin-tabs">
  <li><a {{#if settingsTab}}class="active" {{/if}}id="tab-settings" href="{{baseUrl}}/plugins/servlet/apitokenauth/admin?tab=settings">System-Wide Settings</a></li>
  <li><a {{#if permissionsTab}}class="active" {{/if}}id="tab-permissions" href="{{baseUrl}}/plugins/servlet/apitokenauth/admin?tab=permissions">Permissions</a></li>
</ul>
{{#if success}}<div class="message success" id="admin-success">{{success}}</div>{{/if}}
{{#if notice}}<div class="message info" id="admin-notice">{{notice}}</div>{{/if}}
{{#if errors.length}}
<div class="message error" id="admin-errors"><p>{{errorSummary}}</p><ul>{{#each errors}}<li>{{this}}</li>{{/each}}</ul></div>
{{/if}}
{{#if warnings.length}}
<div class="message warning" id="admin-warnings"><p>Saved, with these warnings and recommendations:</p>
<ul>{{#each warnings}}<li data-code="{{code}}">{{message}}</li>{{/each}}</ul></div>
{{/if}}
`;

const entryList = (name: string, rows: string, addField: string, addAction: string, removeAction: string, addLabel: string) => `
<ul class="entry-list" id="${name}-list">
  {{#each ${rows}}}
  <li>
    <input type="text" name="${name}" value="{{value}}" aria-label="Entry {{position}}">
    <button type="submit" class="secondary" name="action" value="${removeAction}:{{index}}">Remove</button>
    {{#if error}}<div class="field-error">{{error}}</div>{{/if}}
  </li>
  {{/each}}
</ul>
<input type="text" name="${addField}" id="${addField}" value="{{form.${addField}}}" placeholder="${addLabel}">
<button type="submit" class="secondary" name="action" value="${addAction}" id="${addAction}">+ Add</button>
{{#if addErrors.${addField}}}<div class="field-error">{{addErrors.${addField}}}</div>{{/if}}
`;

/** The "System-Wide Settings" tab. */
export const adminSettingsTemplate = `${header}
<form class="aui" method="post" action="{{baseUrl}}/plugins/servlet/apitokenauth/admin" id="settings-form">
  <input type="hidden" name="atl_token" value="{{atlToken}}">
  <input type="hidden" name="tab" value="settings">
  <!-- The first submit button is the one Enter activates, so Enter saves. -->
  <button type="submit" name="action" value="save" hidden tabindex="-1" aria-hidden="true"></button>

  <h2>Token validity</h2>
  <label for="max-validity">Maximum validity of a token</label>
  <select id="max-validity" name="maxValidity">
    {{#each validityOptions}}<option value="{{value}}"{{#if selected}} selected{{/if}}>{{label}}</option>{{/each}}
  </select>
  <p class="description">Users choose a validity up to this maximum. Lowering it also shortens existing tokens.</p>

  <h2>IP address restrictions</h2>
  <p class="description">REST requests with Basic or Bearer credentials, token or password, are allowed only from these
  addresses, CIDR blocks (<code>10.0.0.0/8</code>) or ranges (<code>192.0.2.10-192.0.2.20</code>).
  <strong>When the list is empty, every address is allowed.</strong> Browser sessions are not affected.</p>
  ${entryList('ipRestriction', 'ipRows', 'newIpRestriction', 'add-ip', 'remove-ip', 'Address, CIDR block or range')}
  {{#unless ipRows.length}}<p id="ip-empty">No restrictions: requests from every address are allowed.</p>{{/unless}}

  <h2>Reverse proxy</h2>
  <label><input type="checkbox" name="reverseProxyEnabled" id="reverse-proxy-enabled"{{#if form.reverseProxyEnabled}} checked{{/if}}>
    Enable reverse proxy support</label>
  <p class="description">When a request comes from a trusted proxy, the client address is read from the header below.</p>
  <h3>Trusted proxies</h3>
  ${entryList('trustedProxy', 'proxyRows', 'newTrustedProxy', 'add-proxy', 'remove-proxy', 'Proxy address, CIDR block or range')}
  <label for="client-ip-header">Header with the client address</label>
  <select id="client-ip-header" name="clientIpHeader">
    {{#each headerOptions}}<option value="{{value}}"{{#if selected}} selected{{/if}}>{{value}}</option>{{/each}}
  </select>
  <p><a id="troubleshooting-link" href="{{baseUrl}}/plugins/servlet/apitokenauth/client-address">Troubleshoot the client address of your requests</a></p>

  <h2>Passwords</h2>
  <label><input type="checkbox" name="passwordBasicAuthDisabled" id="password-basic-auth-disabled"{{#if form.passwordBasicAuthDisabled}} checked{{/if}}>
    Disable Basic Auth with passwords</label>
  <p class="description">REST requests whose credentials match no token get 403 instead of a password check. Logging in to the web pages with a password still works.</p>

  <p><button type="submit" name="action" value="save" id="save-settings">Save</button></p>
</form>
<script>
// Without JavaScript, Enter saves the form with the typed entry. With it, Enter in an "add" field adds the entry.
(function () {
  [['newIpRestriction', 'add-ip'], ['newTrustedProxy', 'add-proxy']].forEach(function (pair) {
    var input = document.getElementById(pair[0]);
    var button = document.getElementById(pair[1]);
    if (!input || !button) return;
    input.addEventListener('keydown', function (event) {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      button.click();
    });
  });
})();
</script>
`;

/** The "Permissions" tab. */
export const adminPermissionsTemplate = `${header}
<form class="aui" method="post" action="{{baseUrl}}/plugins/servlet/apitokenauth/admin" id="permissions-form">
  <input type="hidden" name="atl_token" value="{{atlToken}}">
  <input type="hidden" name="tab" value="permissions">
  <p class="description">With "Allow everyone" checked, every user has the permission and the groups are kept for later.
  Otherwise members of any checked group have it.</p>
  {{#each permissions}}
  <fieldset id="permission-{{name}}">
    <legend>{{label}}</legend>
    <label><input type="checkbox" name="{{name}}-allowEveryone" id="{{name}}-everyone"{{#if allowEveryone}} checked{{/if}}> {{everyoneLabel}}</label>
    <div class="group-picker" id="{{name}}-groups">
      {{#each groups}}
      <label><input type="checkbox" name="{{../name}}-groups" value="{{group}}"{{#if checked}} checked{{/if}}> {{group}}{{#if unknown}} <em>(group does not exist)</em>{{/if}}</label>
      {{/each}}
    </div>
    <label for="{{name}}-new-group">Another group</label>
    <input type="text" id="{{name}}-new-group" name="{{name}}-newGroup" value="{{newGroup}}">
    {{#each errors}}<div class="field-error">{{this}}</div>{{/each}}
  </fieldset>
  {{/each}}
  <p><button type="submit" name="action" value="save" id="save-permissions">Save</button></p>
</form>
`;
