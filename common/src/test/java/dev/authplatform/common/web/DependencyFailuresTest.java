package dev.authplatform.common.web;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DependencyFailuresTest {

    @Test
    void aDataExceptionIsTheRequestsFaultNotUnavailability() {
        RuntimeException wrapped = new RuntimeException("Error executing SQL", new SQLException("invalid byte sequence", "22021"));

        assertTrue(DependencyFailures.isRefusedData(wrapped));
        assertFalse(DependencyFailures.isUnavailable(wrapped));
        assertEquals("22021", DependencyFailures.sqlState(wrapped));
    }

    @Test
    void aConnectionExceptionIsUnavailabilityNotRefusedData() {
        RuntimeException wrapped = new RuntimeException(new SQLException("connection lost", "08006"));

        assertTrue(DependencyFailures.isUnavailable(wrapped));
        assertFalse(DependencyFailures.isRefusedData(wrapped));
    }

    @Test
    void anyOtherDatabaseErrorIsNeither() {
        RuntimeException wrapped = new RuntimeException(new SQLException("relation does not exist", "42P01"));

        assertFalse(DependencyFailures.isUnavailable(wrapped));
        assertFalse(DependencyFailures.isRefusedData(wrapped));
    }
}
