package dev.authplatform.auth.web;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import dev.authplatform.common.health.HealthChecks;
import dev.authplatform.common.health.DependencyHealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;

/**
 * {@code database}: a pooled PostgreSQL connection is valid within a second. Management's own JDBC indicator is
 * off: it logs an ERROR with a stack trace on every probe while the database is down, and names its version.
 */
@Singleton
@Readiness
class DatabaseHealthIndicator implements DependencyHealthIndicator {

    private final DataSource dataSource;
    private final Scheduler blocking;

    DatabaseHealthIndicator(DataSource dataSource, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        // the injected bean joins transactions; a health check wants a plain pooled connection
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return HealthChecks.blocking("database", blocking, this::valid);
    }

    private boolean valid() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }
}
