-- In-flight permits shared by every glm-batch process that calls one account (API key and endpoint) from one
-- PostgreSQL state database. An embedded H2 database has one process and never uses these tables.

-- The adaptive in-flight limit of an account's model: its ceiling (the limit a run was given), the limit now (halved on
-- a rate-limit answer, grown back on success), and an epoch bumped at every cut, so that the answers to attempts sent
-- before a cut do not cut again.
CREATE TABLE IF NOT EXISTS GLMB_INFLIGHT_LIMIT (
  ACCOUNT VARCHAR(64) NOT NULL,
  MODEL VARCHAR(100) NOT NULL,
  CEILING INTEGER NOT NULL,
  CURRENT_LIMIT INTEGER NOT NULL,
  EPOCH BIGINT NOT NULL,
  CONSTRAINT GLMB_INFLIGHT_LIMIT_PK PRIMARY KEY (ACCOUNT, MODEL)
);

-- One row per permit (slot 1 to the ceiling); a process holds a slot while its lease is in the future and renews the
-- lease while it lives. Only slots up to the limit now are handed out.
CREATE TABLE IF NOT EXISTS GLMB_INFLIGHT_PERMIT (
  ACCOUNT VARCHAR(64) NOT NULL,
  MODEL VARCHAR(100) NOT NULL,
  SLOT INTEGER NOT NULL,
  OWNER VARCHAR(200),
  LEASE_UNTIL TIMESTAMP WITH TIME ZONE,
  CONSTRAINT GLMB_INFLIGHT_PERMIT_PK PRIMARY KEY (ACCOUNT, MODEL, SLOT)
);
CREATE INDEX IF NOT EXISTS GLMB_INFLIGHT_PERMIT_OWNER ON GLMB_INFLIGHT_PERMIT (OWNER);

-- The processes that want permits of a model now and how many, renewed with their leases: each takes its fair share
-- of the limit.
CREATE TABLE IF NOT EXISTS GLMB_INFLIGHT_HOLDER (
  ACCOUNT VARCHAR(64) NOT NULL,
  MODEL VARCHAR(100) NOT NULL,
  OWNER VARCHAR(200) NOT NULL,
  WANTED INTEGER NOT NULL,
  HEARTBEAT TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT GLMB_INFLIGHT_HOLDER_PK PRIMARY KEY (ACCOUNT, MODEL, OWNER)
);
