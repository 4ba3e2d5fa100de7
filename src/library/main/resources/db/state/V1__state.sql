-- The state of ticket-triage (triage.state.store = jdbc): the same records the file store keeps in the state
-- directory, one table each. Keys are the tickets' keys (<helpdesk>:<id>), so one database can serve several desks.

-- Where each help desk's next poll starts. Moves forward only (GREATEST), in a transaction of its own.
CREATE TABLE watermark (
    helpdesk    text        PRIMARY KEY,
    at          timestamptz NOT NULL
);

-- The write ledger: a ticket's plan while it is being written, its calls' progress, and the tickets written.
CREATE SEQUENCE write_plan_begun;
CREATE TABLE write_plan (
    ticket_key  text        PRIMARY KEY,
    -- The WritePlan as JSON, kept as text: the calls' requests are sent again exactly as planned.
    plan        text        NOT NULL,
    -- Orders unfinished plans oldest first.
    begun       bigint      NOT NULL,
    abandoned   boolean     NOT NULL DEFAULT false
);
CREATE TABLE write_call (
    ticket_key  text        NOT NULL REFERENCES write_plan ON DELETE CASCADE,
    call        text        NOT NULL,
    attempted   boolean     NOT NULL DEFAULT false,
    landed      boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (ticket_key, call)
);
CREATE TABLE written_ticket (
    ticket_key  text        PRIMARY KEY,
    written_at  timestamptz NOT NULL DEFAULT now()
);

-- Dead letters: each under the name the file store would give its file, with the letter's JSON as written there.
CREATE TABLE dead_letter (
    name         text        PRIMARY KEY,
    -- What isNew and isNewRecord look up: <key>@<updatedAt> of a ticket, the key of an unreadable record. In UTF-8
    -- bytes, since the key of a record that is not a readable ticket may hold anything, NUL included.
    kept_version bytea,
    failed_at    timestamptz NOT NULL,
    letter       text        NOT NULL
);
CREATE INDEX dead_letter_kept_version ON dead_letter (kept_version);

-- The prediction log: one prediction per ticket version, one outcome per prediction, each as its JSON line.
CREATE TABLE prediction (
    seq          bigserial   PRIMARY KEY,
    ticket_key   text        NOT NULL,
    -- The version exactly as recorded (it identifies the prediction), and as a time to find the newest by.
    version      text        NOT NULL,
    version_at   timestamptz NOT NULL,
    predicted_at timestamptz NOT NULL,
    line         text        NOT NULL,
    UNIQUE (ticket_key, version)
);
CREATE TABLE outcome (
    ticket_key   text        NOT NULL,
    version      text        NOT NULL,
    line         text        NOT NULL,
    PRIMARY KEY (ticket_key, version)
);
CREATE INDEX prediction_predicted_at ON prediction (predicted_at);
