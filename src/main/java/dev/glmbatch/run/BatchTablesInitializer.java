package dev.glmbatch.run;

import javax.sql.DataSource;

import org.springframework.boot.batch.jdbc.autoconfigure.BatchDataSourceScriptDatabaseInitializer;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcProperties;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Spring Boot's initializer of the Spring Batch tables ({@code spring.batch.jdbc.initialize-schema}), run only on a
 * database that does not have them yet. Spring Boot runs the schema script at every start and lets each
 * {@code CREATE TABLE} fail on the tables that exist, which costs every command a second of start-up and fills H2's
 * trace file with those errors.
 */
public class BatchTablesInitializer extends BatchDataSourceScriptDatabaseInitializer {

	private final DataSource dataSource;

	private final String tablePrefix;

	public BatchTablesInitializer(DataSource dataSource, BatchJdbcProperties properties) {
		super(dataSource, properties);
		this.dataSource = dataSource;
		this.tablePrefix = (properties.getTablePrefix() != null) ? properties.getTablePrefix() : "BATCH_";
	}

	@Override
	public boolean initializeDatabase() {
		return !tablesExist() && super.initializeDatabase();
	}

	private boolean tablesExist() {
		try {
			new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM " + tablePrefix + "JOB_INSTANCE WHERE 1 = 0",
					Long.class);
			return true;
		}
		catch (BadSqlGrammarException ex) {
			return false;
		}
	}

}
