import { randomUUID } from 'node:crypto';
import type { Compilable, CompiledQuery, Kysely } from 'kysely';

/** A query compiled once, run with new parameter values: returns the result rows. */
export type PrecompiledQuery<Args extends readonly unknown[], Row> = (...args: Args) => Promise<Row[]>;

interface QueryTemplate<Row> {
  readonly compiled: CompiledQuery<Row>;
  /** For each compiled parameter, the index of the argument that fills it, or -1 for a constant. */
  readonly argumentIndexes: readonly number[];
}

/**
 * Compiles the query that `build` returns once, and afterwards runs the compiled SQL with the
 * new arguments in place of the first ones, skipping Kysely's query building, plugin transforms
 * and compiling on every call. In a CPU profile of the host under `scripts/bench-token-auth.mjs`
 * load these took about as much time as SQLite itself.
 *
 * @example
 * ```ts
 * const findByName = precompiledQuery(db, (name: string) => db.selectFrom('greeting').selectAll().where('name', '=', name));
 * const [row] = await findByName('hello');
 * ```
 *
 * `build` must pass each argument to Kysely unchanged as a value (such as the right side of
 * `where`), so that it becomes one parameter of the compiled query. Anything that changes the
 * SQL text with the arguments (an optional clause, a list whose length varies) does not fit,
 * and neither does a Kysely plugin that keeps state per query id, because the id is reused.
 * The table prefix of a plugin's `getKysely()` keeps no such state, so plugin queries fit.
 * The first call checks the argument placement and throws when an argument does not reach the
 * compiled query unchanged. NOTE: the check compiles with marker strings, so a transform that
 * leaves these strings as they are, or an argument used only for its type, goes unnoticed.
 */
export function precompiledQuery<Args extends readonly unknown[], Row>(
  db: Kysely<any>,
  build: (...args: Args) => Compilable<Row>,
): PrecompiledQuery<Args, Row> {
  let template: QueryTemplate<Row> | undefined;

  return async (...args: Args): Promise<Row[]> => {
    template ??= compileTemplate(build, args.length);
    const { compiled, argumentIndexes } = template;
    const parameters = compiled.parameters.map((value, index) => {
      const argumentIndex = argumentIndexes[index]!;
      return argumentIndex < 0 ? value : args[argumentIndex];
    });
    const result = await db.executeQuery<Row>({ ...compiled, parameters });
    return result.rows;
  };
}

/** Compiles `build` with unique marker strings as arguments and finds where each one ended up. */
function compileTemplate<Args extends readonly unknown[], Row>(build: (...args: Args) => Compilable<Row>, argumentCount: number): QueryTemplate<Row> {
  // Mixed case and outer spaces, so that the usual transforms (case, trim) change a marker and are caught.
  const markers = Array.from({ length: argumentCount }, (_, index) => ` Precompiled-Argument-${index}-${randomUUID()} `);
  const compiled = build(...(markers as unknown as Args)).compile();
  const argumentIndexes = compiled.parameters.map((value) => markers.indexOf(value as string));

  markers.forEach((marker, index) => {
    const uses = argumentIndexes.filter((argumentIndex) => argumentIndex === index).length;
    if (uses === 0 || compiled.sql.includes(marker)) {
      throw new TypeError(
        `argument ${index} of the precompiled query "${compiled.sql}" is not a parameter of it: pass each argument to Kysely unchanged, as a value`,
      );
    }
  });
  return { compiled, argumentIndexes };
}
