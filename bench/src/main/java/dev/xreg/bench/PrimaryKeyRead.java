package dev.xreg.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.regex.Pattern;

/**
 * The B-PG baseline (issue 15): {@code GET /pg/:table/:id} answers the {@code body} column of
 * one row, read with one prepared primary-key {@code SELECT} on the same PostgreSQL xreg uses.
 * It is the physical limit of a read that goes to the database: no rendering, no second query.
 * bench/run.sh creates the tables ({@code id int primary key, body bytea}) with rows of the
 * size of the xreg response compared against.
 */
final class PrimaryKeyRead {
  /** Table names come from the URL: only plain lowercase identifiers are ever put into SQL. */
  private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  private final Pool pool;

  PrimaryKeyRead(Vertx vertx, PgConnectOptions connect, int poolSize) {
    this.pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(poolSize)).connectingTo(connect).using(vertx)
        .build();
  }

  /** Reads the connection from {@code postgresql://user:password@host:port/db}. */
  static PgConnectOptions connectOptions(String url) {
    // cached prepared statements: the client prepares each SELECT once per connection
    return PgConnectOptions.fromUri(url).setCachePreparedStatements(true);
  }

  static boolean validTable(String table) {
    return TABLE.matcher(table).matches();
  }

  void handle(RoutingContext ctx) {
    String table = ctx.pathParam("table");
    int id;
    try {
      id = Integer.parseInt(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      ctx.response().setStatusCode(400).end();
      return;
    }
    if (!validTable(table)) {
      ctx.response().setStatusCode(400).end();
      return;
    }
    pool.preparedQuery("SELECT body FROM " + table + " WHERE id = $1").execute(Tuple.of(id))
        .onSuccess(rows -> {
          if (rows.size() == 0) {
            ctx.response().setStatusCode(404).end();
            return;
          }
          Row row = rows.iterator().next();
          Buffer body = row.getBuffer(0);
          ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(body);
        })
        .onFailure(err -> ctx.response().setStatusCode(500).end(String.valueOf(err.getMessage())));
  }

  Future<Void> close() {
    return pool.close();
  }
}
