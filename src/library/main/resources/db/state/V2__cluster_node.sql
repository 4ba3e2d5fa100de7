-- The nodes of a cluster (triage.cluster.service), each row renewed by its node every few seconds: which nodes live,
-- and which desks each leads, so that the desks can be spread over the nodes. Times are the database's, so the nodes'
-- clocks need not agree.
CREATE TABLE cluster_node (
    node     text        PRIMARY KEY,
    seen_at  timestamptz NOT NULL,
    -- The desks the node leads, by name, comma-separated (names hold no comma).
    leads    text        NOT NULL
);
