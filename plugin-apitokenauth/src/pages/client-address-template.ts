/**
 * The Handlebars source of the client address troubleshooting page. Header values come from
 * the request, so like every other value they go through `{{...}}`, which escapes them.
 */
export const clientAddressTemplate = `
<h1>Client address troubleshooting</h1>
<p>How the API Token Authentication app resolves the client address of <em>this</em> request and
checks it against the IP restrictions. Open this page through the same proxy as your REST clients
to see what they get. <a href="{{baseUrl}}/plugins/servlet/apitokenauth/admin" id="settings-link">System-wide settings</a>
&middot; <a href="{{baseUrl}}/rest/de.resolution.apitokenauth/latest/admin/client-address" id="json-link">as JSON</a></p>

{{#if report.allowed}}
<div class="message success" id="client-address-result">REST requests with Basic or Bearer credentials from client address
  <strong id="client-address">{{report.clientAddress}}</strong> are allowed.</div>
{{else}}
<div class="message error" id="client-address-result">REST requests with Basic or Bearer credentials like this one are refused:
  <span id="denied-reason">{{report.deniedReason}}</span>.</div>
{{/if}}
<p class="note">This page itself uses your browser session, which the IP restrictions never block.</p>

<h2>Request</h2>
<table id="request-details">
  <tbody>
  <tr><th>Peer address (TCP connection)</th><td><code id="peer-address">{{report.peerAddress}}</code></td></tr>
  {{#each headers}}
  <tr data-header="{{name}}">
    <th>{{name}}</th>
    <td>{{#if present}}<code class="header-value">{{value}}</code>{{else}}<span class="header-missing">not sent</span>{{/if}}
      {{#if read}}<span class="header-read">(read, because the peer may be a trusted proxy)</span>{{/if}}
      {{#if ignoredAlways}}<span class="header-ignored">(not read by this app)</span>{{/if}}</td>
  </tr>
  {{/each}}
  <tr><th>Resolved client address</th><td><code id="resolved-address">{{#if report.clientAddress}}{{report.clientAddress}}{{else}}none{{/if}}</code></td></tr>
  </tbody>
</table>

<h2>Resolution steps</h2>
<ol id="resolution-steps">
  {{#each report.steps}}<li>{{this}}</li>{{/each}}
</ol>

<h2>Settings used</h2>
<table id="settings-used">
  <tbody>
  <tr><th>Reverse proxy support</th><td id="reverse-proxy-enabled">{{#if report.reverseProxy.enabled}}on, client address header {{report.reverseProxy.clientIpHeader}}{{else}}off{{/if}}</td></tr>
  <tr><th>Trusted proxies</th><td id="trusted-proxies">{{#each trustedProxies}}<code>{{this}}</code> {{else}}none{{/each}}</td></tr>
  <tr><th>IP restrictions</th><td id="ip-restrictions">{{#each ipRestrictions}}<code>{{this}}</code> {{else}}none: every address is allowed{{/each}}</td></tr>
  </tbody>
</table>
`;
