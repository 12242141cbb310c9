-- Periodic jobs the instances take turns at (IPeriodicJobTurns): who started the job's last turn, and when.

CREATE TABLE periodic_job_turns (
    job text PRIMARY KEY,
    instance_id text NOT NULL,
    started_at timestamptz NOT NULL
);
