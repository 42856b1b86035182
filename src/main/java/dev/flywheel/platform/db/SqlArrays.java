package dev.flywheel.platform.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * PostgreSQL arrays for set-based statements ({@code unnest(:ids, :amounts)}), built on the
 * current transaction's connection so they can be bound to a {@code JdbcClient} parameter.
 */
public final class SqlArrays {
  private SqlArrays() {}

  /** An array of the SQL type {@code type} (e.g. {@code int8}, {@code text}) holding {@code values}. */
  public static Array of(DataSource dataSource, String type, Object[] values) {
    Connection connection = DataSourceUtils.getConnection(dataSource);
    try {
      return connection.createArrayOf(type, values);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot build a " + type + " array", e);
    } finally {
      DataSourceUtils.releaseConnection(connection, dataSource);
    }
  }
}
