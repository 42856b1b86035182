package dev.flywheel.platform.db;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Uses the embedded PostgreSQL unless {@code spring.datasource.url} points at an external one
 * (e.g. via {@code SPRING_DATASOURCE_URL}); both run the same Flyway migrations.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
class EmbeddedDatabaseConfiguration {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

  @Bean
  DataSource dataSource(EmbeddedDatabaseProperties properties) {
    EmbeddedPostgres server = EmbeddedPostgresServer.start(properties.dataDirectory(), properties.port());
    log.info("Embedded PostgreSQL on port {} (data: {})", server.getPort(),
        properties.dataDirectory() == null || properties.dataDirectory().isBlank()
            ? "temporary" : properties.dataDirectory());
    HikariDataSource dataSource = new HikariDataSource() {
      @Override
      public void close() {
        super.close();
        EmbeddedPostgresServer.release(properties.dataDirectory());
      }
    };
    dataSource.setJdbcUrl(server.getJdbcUrl("postgres", "postgres"));
    dataSource.setUsername("postgres");
    dataSource.setMaximumPoolSize(properties.poolSize());
    dataSource.setPoolName("flywheel-embedded");
    return dataSource;
  }
}
