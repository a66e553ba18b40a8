-- The batches a run submitted to the Batch API, recorded before the run polls them: a process killed after submitting
-- resumes by polling the same batch instead of paying for its lines again. STATUS is the batch's last known status;
-- ENDED_AT is set once its answers are in the call ledger (or it ended without any), and COST_USD is what its answers
-- cost at the batch rate.
CREATE TABLE IF NOT EXISTS GLMB_BATCH (
  BATCH_ID VARCHAR(200) NOT NULL,
  JOB_INSTANCE_ID BIGINT NOT NULL,
  MODEL VARCHAR(100) NOT NULL,
  INPUT_FILE_ID VARCHAR(200),
  STATUS VARCHAR(20) NOT NULL,
  LINE_COUNT INTEGER NOT NULL,
  ANSWERED INTEGER NOT NULL,
  FAILED INTEGER NOT NULL,
  PROMPT_TOKENS BIGINT NOT NULL,
  COMPLETION_TOKENS BIGINT NOT NULL,
  COST_USD DECIMAL(24, 12) NOT NULL,
  SUBMITTED_AT TIMESTAMP NOT NULL,
  ENDED_AT TIMESTAMP,
  CONSTRAINT GLMB_BATCH_PK PRIMARY KEY (BATCH_ID)
);
CREATE INDEX IF NOT EXISTS GLMB_BATCH_RUN ON GLMB_BATCH (JOB_INSTANCE_ID);

-- The lines of a batch: the row and call each stands for, and the fingerprint of its request, under which its answer
-- goes into the call ledger.
CREATE TABLE IF NOT EXISTS GLMB_BATCH_LINE (
  BATCH_ID VARCHAR(200) NOT NULL,
  CUSTOM_ID VARCHAR(100) NOT NULL,
  FINGERPRINT VARCHAR(64) NOT NULL,
  ROW_NO BIGINT NOT NULL,
  CONSTRAINT GLMB_BATCH_LINE_PK PRIMARY KEY (BATCH_ID, CUSTOM_ID)
);
