/**
 * Module resolution hook (node:module `register`) for plugin code. Every import of
 * `@plughost/sdk` resolves to the host's own copy, so plugins share its error classes and
 * `instanceof` checks hold. A bare import that a plugin folder cannot resolve is retried from
 * the host package, so plugins may use the libraries the host ships.
 */
interface HookData {
  readonly sdkUrl: string;
  readonly hostParentUrl: string;
}

interface ResolveContext {
  parentURL?: string;
  [key: string]: unknown;
}

type NextResolve = (specifier: string, context?: ResolveContext) => Promise<{ url: string }>;

let data: HookData | undefined;

export async function initialize(hookData: HookData): Promise<void> {
  data = hookData;
}

export async function resolve(specifier: string, context: ResolveContext, nextResolve: NextResolve): Promise<{ url: string; shortCircuit?: boolean }> {
  if (data && specifier === '@plughost/sdk') return { url: data.sdkUrl, shortCircuit: true };
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const bare = !specifier.startsWith('.') && !specifier.startsWith('/') && !specifier.includes(':');
    if (!data || !bare || (error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    return nextResolve(specifier, { ...context, parentURL: data.hostParentUrl });
  }
}
