-- Several `serve` processes on one PostgreSQL state database: one of them leads (fires the schedules, resumes the runs
-- left unfinished) and each trigger fires at most once. An embedded H2 database has one process, which always leads;
-- the tables exist there too, and only the record of fires is written.

-- The leader's lock, kept by Spring Integration's JDBC lock registry (table prefix GLMB_): the lock's key and region,
-- the process holding it and until when. The leader renews EXPIRED_AFTER every heartbeat; once it passes, another
-- process takes the lock. CLIENT_ID is wider than Spring Integration's own script has it, so that it names the process
-- (pid, host) as the service reports it.
CREATE TABLE IF NOT EXISTS GLMB_LOCK (
  LOCK_KEY CHAR(36) NOT NULL,
  REGION VARCHAR(100) NOT NULL,
  CLIENT_ID VARCHAR(255),
  CREATED_DATE TIMESTAMP NOT NULL,
  EXPIRED_AFTER TIMESTAMP NOT NULL,
  CONSTRAINT GLMB_LOCK_PK PRIMARY KEY (LOCK_KEY, REGION)
);

-- One row per trigger fired: the job and the time its schedule set for the trigger, written before the trigger
-- launches anything. The key lets only one process record a trigger, so that two processes that both believe they
-- lead for a moment do not both fire it. Rows older than a day are removed as new ones come.
CREATE TABLE IF NOT EXISTS GLMB_SCHEDULE_FIRE (
  JOB_NAME VARCHAR(200) NOT NULL,
  FIRE_TIME TIMESTAMP WITH TIME ZONE NOT NULL,
  FIRED_BY VARCHAR(255) NOT NULL,
  FIRED_AT TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT GLMB_SCHEDULE_FIRE_PK PRIMARY KEY (JOB_NAME, FIRE_TIME)
);
