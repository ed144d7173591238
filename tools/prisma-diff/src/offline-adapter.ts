import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';

type Adapter = Awaited<ReturnType<PrismaPGlite['connect']>>;
type SqlQuery = Parameters<Adapter['executeRaw']>[0];

/**
 * The schema engine replays each migration.sql on the shadow database as ONE parameterless executeRaw. node-postgres
 * sends such a statement with the simple query protocol, which accepts a whole script; PGlite's query() always
 * prepares it ("cannot insert multiple commands into a prepared statement"). Route those through exec() instead.
 */
function withSimpleProtocolScripts(adapter: Adapter, pglite: PGlite): Adapter {
  return new Proxy(adapter, {
    get(target, property, receiver) {
      if (property === 'executeRaw') {
        return async (query: SqlQuery) => {
          if (query.args.length > 0) return target.executeRaw(query);
          await pglite.exec(query.sql);
          return 0;
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** A driver-adapter factory over in-memory PGlite databases: the whole of Prisma Migrate's diff, with no network. */
export function offlineAdapterFactory() {
  const main = new PrismaPGlite(new PGlite());
  return {
    provider: 'postgres' as const,
    adapterName: main.adapterName,
    connect: () => main.connect(),
    connectToShadowDb: async () => {
      const shadow = new PGlite();
      return withSimpleProtocolScripts(await new PrismaPGlite(shadow).connect(), shadow);
    },
  };
}
