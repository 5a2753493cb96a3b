/** Small readers for server-rendered HTML in page tests. */

/** The text inside the element with this id, up to its first child tag; undefined when there is none. */
export function textOfId(html: string, id: string): string | undefined {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`id="${escaped}"[^>]*>([^<]*)`).exec(html);
  return match ? match[1]!.trim() : undefined;
}

/** Whether the page has an element with this id. */
export function hasId(html: string, id: string): boolean {
  return html.includes(`id="${id}"`);
}

/** The `value` attribute of the input with this id. */
export function valueOfId(html: string, id: string): string | undefined {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`id="${escaped}"[^>]*value="([^"]*)"`).exec(html);
  return match ? match[1] : undefined;
}

/** Text as Handlebars escapes it, for finding user-supplied values in a page. */
export function escapeHtml(text: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;' };
  return text.replace(/[&<>"'`=]/g, (character) => entities[character]!);
}
