-- policykg schema 1: the system of record of a library (service/repository/postgres.py).
-- Graph and index are derived by each replica; nothing here is derived state.

CREATE TABLE policykg_meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);
-- which library this is: a replica's local generation of another library is never reused
INSERT INTO policykg_meta (key, value) VALUES ('library_id', gen_random_uuid()::text);

-- one row per committed generation: the change that produced it
CREATE TABLE policykg_generations (
    generation bigint PRIMARY KEY CHECK (generation > 0),
    -- which commit it was: after a failover or a restore, generation N may be another commit
    token      uuid NOT NULL DEFAULT gen_random_uuid(),
    kind       text NOT NULL CHECK (kind IN ('build', 'ingest', 'delete', 'patch')),
    writer     text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    summary    jsonb NOT NULL,
    -- a build's segmenter dictionary (JSON list; see Change.index_terms), NULL for other kinds
    index_terms text
);

-- canonical order of the library: a document put gets the next position, so every replica
-- lists the documents of generation N in the same order (graph and index are built in it)
CREATE SEQUENCE policykg_position_seq;

-- the live documents, parsed (Document.to_dict() as JSON text: kept byte for byte)
CREATE TABLE policykg_documents (
    doc_id     text PRIMARY KEY,
    position   bigint NOT NULL UNIQUE,
    parent_id  text,
    sha256     text NOT NULL,
    generation bigint NOT NULL REFERENCES policykg_generations (generation),
    doc        text NOT NULL
);

-- which documents each generation touched (a replica applies the union since its own)
CREATE TABLE policykg_changes (
    generation bigint NOT NULL REFERENCES policykg_generations (generation),
    doc_id     text NOT NULL,
    op         text NOT NULL CHECK (op IN ('put', 'delete')),
    PRIMARY KEY (generation, doc_id)
);

-- the uploaded bytes of live documents, content-addressed
CREATE TABLE policykg_originals (
    sha256     text PRIMARY KEY,
    ext        text NOT NULL,
    data       bytea NOT NULL,
    generation bigint NOT NULL REFERENCES policykg_generations (generation)
);
