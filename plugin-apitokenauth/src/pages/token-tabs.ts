/**
 * Returns the Handlebars source of the tab bar of the token pages. The "Token Manager" tab
 * shows only when the context's `permissions.canCreateTokensForOthers` is true.
 */
export function tokenTabsTemplate(active: 'mine' | 'manager'): string {
  const mine = active === 'mine' ? ' class="active"' : '';
  const manager = active === 'manager' ? ' class="active"' : '';
  return `<ul class="tabs">
  <li><a${mine} id="my-tokens-tab" href="{{baseUrl}}/plugins/servlet/apitokenauth/tokens">My API Tokens</a></li>
  {{#if permissions.canCreateTokensForOthers}}<li><a${manager} id="token-manager-tab" href="{{baseUrl}}/plugins/servlet/apitokenauth/tokens?tab=manager">Token Manager</a></li>{{/if}}
</ul>`;
}

/**
 * The inline script that adds a copy button to a new token, for pages that show one in
 * `#new-token-value`. Without JavaScript the button stays hidden and the token is selectable text.
 */
export const copyTokenScript = `<script>
(function () {
  var button = document.getElementById('copy-token');
  var value = document.getElementById('new-token-value');
  var status = document.getElementById('copy-status');
  if (!button || !value || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener('click', function () {
    navigator.clipboard.writeText(value.textContent.trim()).then(
      function () { status.textContent = 'Copied to the clipboard.'; },
      function () { status.textContent = 'Copying failed: select the token and copy it by hand.'; });
  });
})();
</script>`;
