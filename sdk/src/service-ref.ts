/**
 * A typed reference to a host service. A plugin lists the references it needs in
 * `definePlugin({ deps })` and receives the matching implementations at init.
 *
 * @example
 * ```ts
 * import { createServiceRef } from '@plughost/sdk';
 * interface Greeter { greet(name: string): string }
 * export const greeterRef = createServiceRef<Greeter>({ id: 'example.greeter' });
 * ```
 * @public
 */
export interface ServiceRef<TService> {
  readonly id: string;
  /** Type carrier only; always `undefined` at run time. */
  readonly T: TService;
}

/**
 * Creates a service reference with a unique id.
 *
 * @example
 * ```ts
 * const clockRef = createServiceRef<{ now(): Date }>({ id: 'example.clock' });
 * ```
 * @public
 */
export function createServiceRef<TService>(options: { id: string }): ServiceRef<TService> {
  if (typeof options?.id !== 'string' || options.id.length === 0) {
    throw new TypeError('createServiceRef requires a non-empty id');
  }
  return { id: options.id, T: undefined as unknown as TService };
}

/**
 * The service type a reference points to.
 *
 * @example
 * ```ts
 * type Users = ServiceOf<typeof coreServices.users>; // UserService
 * ```
 * @public
 */
export type ServiceOf<TRef> = TRef extends ServiceRef<infer T> ? T : never;
