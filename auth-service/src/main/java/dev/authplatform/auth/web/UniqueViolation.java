package dev.authplatform.auth.web;

import java.sql.SQLException;

/** Recognises PostgreSQL's unique violation (SQLSTATE 23505) behind whatever the data layer wrapped it in. */
public final class UniqueViolation {

    private static final String SQL_STATE = "23505";

    private UniqueViolation() {
    }

    /** Whether {@code e} was caused by a unique index refusing a second row: the other of two simultaneous writes won. */
    public static boolean isCauseOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && SQL_STATE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
