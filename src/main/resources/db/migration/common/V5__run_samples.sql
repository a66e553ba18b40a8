-- a run's progress sampled every few seconds while it runs (rows, rate, calls in flight against the limit, 429s for
-- rate and for load, tokens, cost), so that its page draws the same charts during the run and after it, in any process
CREATE TABLE IF NOT EXISTS GLMB_RUN_SAMPLE (
  JOB_INSTANCE_ID BIGINT NOT NULL,
  SAMPLED_AT BIGINT NOT NULL,
  ROWS_DONE BIGINT NOT NULL,
  TOTAL_ROWS BIGINT NOT NULL,
  ROWS_PER_SECOND DOUBLE PRECISION NOT NULL,
  ETA_SECONDS BIGINT,
  IN_FLIGHT INT NOT NULL,
  IN_FLIGHT_LIMIT INT NOT NULL,
  RATE_LIMITED BIGINT NOT NULL,
  OVERLOADED BIGINT NOT NULL,
  TOKENS BIGINT NOT NULL,
  COST_USD DECIMAL(24, 12),
  PRIMARY KEY (JOB_INSTANCE_ID, SAMPLED_AT));
