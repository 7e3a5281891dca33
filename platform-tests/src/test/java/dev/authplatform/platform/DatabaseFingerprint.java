package dev.authplatform.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A digest of every row of every table of a database but the ones named, table by table: two equal fingerprints mean
 * nothing was inserted, changed or deleted in between.
 */
final class DatabaseFingerprint implements AutoCloseable {

    private final Connection connection;
    private final String query;

    DatabaseFingerprint(String jdbcUrl, String username, String password, List<String> excluded) {
        try {
            this.connection = DriverManager.getConnection(jdbcUrl, username, password);
            List<String> parts = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet tables = statement.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")) {
                while (tables.next()) {
                    String table = tables.getString(1);
                    if (!excluded.contains(table)) {
                        parts.add("SELECT '" + table + "', count(*), md5(coalesce(string_agg(md5(t::text), '' ORDER BY md5(t::text)), '')) FROM "
                                + table + " t");
                    }
                }
            }
            this.query = String.join(" UNION ALL ", parts);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + jdbcUrl, e);
        }
    }

    /** Each table's row count and digest. */
    Map<String, String> take() {
        Map<String, String> tables = new TreeMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                tables.put(rows.getString(1), rows.getLong(2) + " rows " + rows.getString(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the fingerprint", e);
        }
        return tables;
    }

    /** {@code SELECT count(*) FROM <from>}, for a test's own fixed text only. */
    long count(String from) {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + from)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count " + from, e);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
