// Compile-time checks of definePlugin's dependency typing; tsc fails the build if an
// expectation breaks. Nothing here runs.
import { coreServices, createServiceRef, definePlugin, type Clock, type UserService } from '@plughost/sdk';

/** Services arrive with the types of their references. */
export const typedServices = definePlugin({
  deps: { users: coreServices.users, clock: coreServices.clock },
  init({ users, clock }) {
    const directory: UserService = users;
    const time: Clock = clock;
    void directory;
    void time;
  },
});

/** A plugin may use only the services it declared. */
export const undeclaredService = definePlugin({
  deps: { users: coreServices.users },
  // @ts-expect-error clock was not declared in deps, so init does not receive it
  init({ users, clock }) {
    void users;
    void clock;
  },
});

/** Reading an undeclared service from the services object is an error too. */
export const undeclaredProperty = definePlugin({
  deps: { settings: coreServices.settings },
  init(services) {
    // @ts-expect-error database was not declared in deps
    void services.database;
  },
});

/** A custom reference carries its service type. */
interface Greeter {
  greet(name: string): string;
}
const greeterRef = createServiceRef<Greeter>({ id: 'example.greeter' });
export const customService = definePlugin({
  deps: { greeter: greeterRef },
  init({ greeter }) {
    // @ts-expect-error greet takes a string
    greeter.greet(42);
  },
});
