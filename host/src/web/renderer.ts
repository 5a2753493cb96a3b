import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { Context } from 'koa';
import type { Flavour } from '../product/flavours.js';
import type { HostState } from '../server/host-state.js';
import { xsrfTokenFor } from '../security/xsrf.js';
import type { UserDirectory } from '../users/user-directory.js';
import { webLocations } from '@plughost/sdk';
import type { Navigation } from './navigation.js';

/** The folder with the host's Handlebars templates, beside `src/` and `dist/`. */
const templateDir = fileURLToPath(new URL('../../templates/', import.meta.url));

export interface PageOptions {
  readonly title: string;
  /** Shows the admin navigation beside the content. */
  readonly admin?: boolean;
  readonly status?: number;
}

/**
 * Renders pages inside the host layout. Templates escape every `{{value}}`; only the layout
 * inserts already rendered content with `{{{content}}}`.
 */
export class PageRenderer {
  private readonly handlebars = Handlebars.create();
  private readonly templates = new Map<string, HandlebarsTemplateDelegate>();
  private readonly compiledSources = new Map<string, HandlebarsTemplateDelegate>();

  constructor(
    private readonly flavour: Flavour,
    private readonly baseUrl: string,
    private readonly navigation: Navigation,
    private readonly users: UserDirectory,
  ) {
    this.handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    this.handlebars.registerHelper('formatTime', (value: unknown) => formatTime(value));
    this.loadTemplates(templateDir, '');
  }

  /** Renders a host template (by its path under `templates/` without `.hbs`) inside the layout. */
  async render(ctx: Context & { state: HostState }, template: string, options: PageOptions, context: Record<string, unknown> = {}): Promise<void> {
    const compiled = this.templates.get(template);
    if (!compiled) throw new Error(`unknown template ${template}`);
    await this.renderCompiled(ctx, compiled, options, context);
  }

  /** Renders a plugin's template source inside the layout. Compiled templates are cached by source. */
  async renderSource(ctx: Context & { state: HostState }, source: string, options: PageOptions, context: Record<string, unknown> = {}): Promise<void> {
    let compiled = this.compiledSources.get(source);
    if (!compiled) {
      compiled = this.handlebars.compile(source, { strict: false });
      this.compiledSources.set(source, compiled);
    }
    await this.renderCompiled(ctx, compiled, options, context);
  }

  /** Registers a partial that every template can use, for example a plugin's shared form. */
  registerPartial(name: string, source: string): void {
    this.handlebars.registerPartial(name, source);
  }

  private async renderCompiled(
    ctx: Context & { state: HostState },
    compiled: HandlebarsTemplateDelegate,
    options: PageOptions,
    context: Record<string, unknown>,
  ): Promise<void> {
    const user = ctx.state.user;
    const isAdmin = user ? await this.users.isAdmin(user.name) : false;
    const common = {
      baseUrl: this.baseUrl,
      productName: this.flavour.name,
      product: this.flavour.id,
      paths: this.flavour.paths,
      user,
      isAdmin,
      atlToken: xsrfTokenFor(ctx),
      currentPath: ctx.path,
    };
    const adminNav = options.admin ? await this.navigation.adminSections(user) : undefined;
    const content = compiled({ ...common, adminNav, ...context });
    ctx.status = options.status ?? 200;
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.set('X-Frame-Options', 'SAMEORIGIN');
    ctx.set('Content-Security-Policy', "frame-ancestors 'self'");
    ctx.body = this.templates.get('layout')!({
      ...common,
      title: options.title,
      content,
      adminNav,
      webSudoBanner: ctx.state.webSudoBanner,
      userMenu: user ? await this.navigation.itemsAt(webLocations.userMenu, user) : [],
    });
  }

  private loadTemplates(dir: string, prefix: string): void {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) this.loadTemplates(full, `${prefix}${entry.name}/`);
      else if (entry.name.endsWith('.hbs')) {
        const name = `${prefix}${entry.name.slice(0, -'.hbs'.length)}`;
        const source = fs.readFileSync(full, 'utf8');
        this.templates.set(name, this.handlebars.compile(source));
        if (entry.name.startsWith('_')) this.handlebars.registerPartial(name, source);
      }
    }
  }
}

/** `2026-12-04 07:25 UTC` for a time in epoch milliseconds or a Date; `-` for none. */
export function formatTime(value: unknown): string {
  if (value === null || value === undefined || value === '') return '-';
  const date = value instanceof Date ? value : new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number));
  if (Number.isNaN(date.getTime())) return '-';
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
