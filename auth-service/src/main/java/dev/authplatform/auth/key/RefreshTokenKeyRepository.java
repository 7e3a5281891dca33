package dev.authplatform.auth.key;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface RefreshTokenKeyRepository extends CrudRepository<RefreshTokenKeyRow, String> {

    List<RefreshTokenKeyRow> findAllOrderByCreatedAtDesc();
}
