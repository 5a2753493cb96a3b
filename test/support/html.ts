/** Small readers for server-rendered HTML in page tests. */

/** Returns the text inside the element with this id up to its first child tag, or undefined when there is no such element. */
export function textOfId(html: string, id: string): string | undefined {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`id="${escaped}"[^>]*>([^<]*)`).exec(html);
  return match ? match[1]!.trim() : undefined;
}

/** Checks whether the page has an element with this id. */
export function hasId(html: string, id: string): boolean {
  return html.includes(`id="${id}"`);
}

/** Returns the `value` attribute of the input with this id. */
export function valueOfId(html: string, id: string): string | undefined {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`id="${escaped}"[^>]*value="([^"]*)"`).exec(html);
  return match ? match[1] : undefined;
}

/** Escapes text as Handlebars does, for finding user-supplied values in a page. */
export function escapeHtml(text: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;' };
  return text.replace(/[&<>"'`=]/g, (character) => entities[character]!);
}
