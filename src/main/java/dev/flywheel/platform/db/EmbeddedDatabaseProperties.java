package dev.flywheel.platform.db;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Embedded PostgreSQL settings.
 *
 * @param dataDirectory where the cluster lives; blank means a temporary directory (tests)
 * @param port fixed port, or 0 for any free port
 * @param poolSize JDBC connection pool size
 */
@ConfigurationProperties("flywheel.embedded-postgres")
public record EmbeddedDatabaseProperties(
    String dataDirectory,
    @DefaultValue("0") int port,
    @DefaultValue("20") int poolSize) {}
