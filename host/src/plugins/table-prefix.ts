import { createHash } from 'node:crypto';
import {
  IdentifierNode,
  OperationNodeTransformer,
  WithSchemaPlugin,
  type CreateIndexNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type SchemableIdentifierNode,
  type UnknownRow,
} from 'kysely';

/** `AO_<first 6 hex digits of MD5(plugin key), upper-case>_`, as Atlassian's Active Objects names tables. */
export function tablePrefixOf(pluginKey: string): string {
  const digest = createHash('md5').update(pluginKey, 'utf8').digest('hex');
  return `AO_${digest.slice(0, 6).toUpperCase()}_`;
}

/** The stored name of a plugin table: the prefix and the upper-cased name. */
export function prefixedTableName(prefix: string, name: string): string {
  return name.toUpperCase().startsWith(prefix) ? name.toUpperCase() : `${prefix}${name.toUpperCase()}`;
}

/**
 * Marks the identifiers that name tables. Kysely's WithSchemaPlugin already tells table names
 * from aliases and CTE names, so it runs first with this marker as the schema, and the
 * prefixer below turns every marked identifier into a prefixed table name.
 */
const tableMarker = '\u0000plugin-table';

class PrefixTransformer extends OperationNodeTransformer {
  constructor(private readonly prefix: string) {
    super();
  }

  protected override transformSchemableIdentifier(node: SchemableIdentifierNode, queryId?: Parameters<OperationNodeTransformer['transformNode']>[1]): SchemableIdentifierNode {
    const transformed = super.transformSchemableIdentifier(node, queryId);
    if (transformed.schema?.name !== tableMarker) return transformed;
    return { kind: 'SchemableIdentifierNode', identifier: IdentifierNode.create(prefixedTableName(this.prefix, transformed.identifier.name)) };
  }

  // Index names share one namespace in SQLite, so they get the prefix too.
  protected override transformCreateIndex(node: CreateIndexNode, queryId?: Parameters<OperationNodeTransformer['transformNode']>[1]): CreateIndexNode {
    const transformed = super.transformCreateIndex(node, queryId);
    return { ...transformed, name: IdentifierNode.create(prefixedTableName(this.prefix, transformed.name.name)) };
  }
}

/**
 * A KyselyPlugin that rewrites every table (and index) name of a query to
 * `AO_<hash>_<NAME>`, so a plugin writes `selectFrom('greeting')` and reads its own table.
 *
 * NOTE: raw SQL text (`sql\`select * from users\``) is not rewritten; `sql.table('greeting')`
 * is. Plugins run inside the host process, so this separates names, not privileges.
 */
export class TablePrefixPlugin implements KyselyPlugin {
  private readonly marker = new WithSchemaPlugin(tableMarker);
  private readonly prefixer: PrefixTransformer;

  constructor(readonly prefix: string) {
    this.prefixer = new PrefixTransformer(prefix);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const marked = this.marker.transformQuery(args);
    return this.prefixer.transformNode(marked, args.queryId);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
