-- Answers reused across runs: a new run looks an answer up by its request fingerprint alone, whichever run paid for
-- it, and keeps apart, per row, the answers it took from earlier runs and what they cost when they were paid.

-- GLMB_CALL_LEDGER: its key starts with the run, so a look-up by fingerprint alone needs an index of its own
CREATE INDEX IF NOT EXISTS GLMB_CALL_LEDGER_FINGERPRINT ON GLMB_CALL_LEDGER (FINGERPRINT);

-- GLMB_RESULT: answers of the row taken from earlier runs' ledger entries, and what those entries cost then
ALTER TABLE GLMB_RESULT ADD COLUMN IF NOT EXISTS EARLIER_RUN_CALLS BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE GLMB_RESULT ADD COLUMN IF NOT EXISTS EARLIER_RUN_COST_USD DECIMAL(24, 12) DEFAULT 0 NOT NULL;
