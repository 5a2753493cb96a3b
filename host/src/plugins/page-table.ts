import type { PageAccess, PageModule } from '@plughost/sdk';
import { compilePath, matchPath, type PathPattern } from './path-pattern.js';

/** A plugin page at `/plugins/servlet/<path>`. */
export interface MountedPage {
  readonly pluginKey: string;
  readonly pattern: PathPattern;
  readonly access: PageAccess;
  readonly handler: PageModule['handler'];
}

/** Servlet paths the host serves itself. */
export const reservedPagePaths: ReadonlySet<string> = new Set(['/upm']);

/** The pages of all enabled plugins; replaced on change so requests in flight are unaffected. */
export class PageTable {
  private pages: readonly MountedPage[] = [];

  /** Compiles and mounts a page; returns a function that removes it. Throws TypeError on a conflict. */
  add(pluginKey: string, module: PageModule): () => void {
    if (typeof module?.handler !== 'function') throw new TypeError(`plugin ${pluginKey} registered the page ${module?.path} without a handler function`);
    const access = module.access ?? 'authenticated';
    if (!['anonymous', 'authenticated', 'admin'].includes(access)) {
      throw new TypeError(`plugin ${pluginKey} registered the page ${module.path} with an invalid access ${JSON.stringify(access)}`);
    }
    const pattern = compilePath(module.path);
    if (pattern.source === '/' || [...reservedPagePaths].some((path) => pattern.source === path || pattern.source.startsWith(`${path}/`))) {
      throw new TypeError(`plugin ${pluginKey} cannot register the page path ${JSON.stringify(module.path)}, which the host serves`);
    }
    const taken = this.pages.find((page) => page.pattern.source === pattern.source);
    if (taken) throw new TypeError(`plugin ${pluginKey} cannot register the page ${pattern.source}: plugin ${taken.pluginKey} already serves it`);
    const page: MountedPage = { pluginKey, pattern, access, handler: module.handler };
    this.pages = [...this.pages, page];
    return () => {
      this.pages = this.pages.filter((candidate) => candidate !== page);
    };
  }

  /** The page serving a path below `/plugins/servlet`, with its parameters. */
  find(path: string): { page: MountedPage; params: Record<string, string> } | undefined {
    for (const page of this.pages) {
      const params = matchPath(page.pattern, path);
      if (params) return { page, params };
    }
    return undefined;
  }
}
