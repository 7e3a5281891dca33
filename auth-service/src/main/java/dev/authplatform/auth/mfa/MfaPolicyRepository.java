package dev.authplatform.auth.mfa;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface MfaPolicyRepository extends GenericRepository<MfaPolicyRow, String> {

    List<MfaPolicyRow> findAll();

    MfaPolicyRow save(MfaPolicyRow row);

    @Query("DELETE FROM mfa_policy")
    int deleteAll();
}
