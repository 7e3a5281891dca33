package dev.authplatform.common.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/** Tells an unreachable dependency (PostgreSQL, Redis) apart from a bug, by the exception's cause chain. */
public final class DependencyFailures {

    private DependencyFailures() {
    }

    public static boolean isUnavailable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException || t instanceof io.lettuce.core.RedisException) {
                return true;
            }
            // SQLState class 08: connection exception (PostgreSQL going away mid-statement, for one)
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the database refused the data of a statement (SQLSTATE class 22, data exception: a character the
     * encoding cannot hold, a value too long for its column, an invalid text representation): the request's fault,
     * never a reason to call the database unavailable.
     */
    public static boolean isRefusedData(Throwable error) {
        return sqlState(error).startsWith("22");
    }

    /** The SQLSTATE of the first SQL exception in the chain, for a log line that must not quote the data. */
    public static String sqlState(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "unknown";
    }

    /** The innermost cause's type and message, for a log line. */
    public static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
