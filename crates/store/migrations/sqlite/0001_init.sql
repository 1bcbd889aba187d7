-- trienkhai schema, SQLite. Times are UTC epoch seconds (INTEGER).
-- Append-only: never edit a released migration, add a new file.

CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    parent_id INTEGER,
    kind TEXT NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    name_fold TEXT NOT NULL,
    abbrev TEXT NOT NULL DEFAULT '',
    depth INTEGER NOT NULL,
    members_direct INTEGER NOT NULL DEFAULT 0,
    members_subtree INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX units_parent ON units (parent_id);
CREATE UNIQUE INDEX units_code ON units (code);

-- Closure table: one row per (ancestor, descendant), self included at depth 0.
CREATE TABLE unit_ancestors (
    ancestor INTEGER NOT NULL,
    descendant INTEGER NOT NULL,
    depth INTEGER NOT NULL,
    PRIMARY KEY (descendant, ancestor)
) WITHOUT ROWID;
CREATE INDEX unit_ancestors_ancestor ON unit_ancestors (ancestor, depth, descendant);

CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    name_fold TEXT NOT NULL,
    roles INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX members_unit ON members (unit_id, name_fold);

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    role TEXT NOT NULL,
    member_id INTEGER,
    created_at INTEGER NOT NULL,
    disabled_at INTEGER
);

CREATE TABLE web_sessions (
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX web_sessions_expiry ON web_sessions (expires_at);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);

-- Original bytes, content-addressed by SHA-256 (hex).
CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    bytes BLOB NOT NULL,
    size INTEGER NOT NULL
);

CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE REFERENCES blobs (sha256),
    kind TEXT NOT NULL,
    number TEXT,
    number_norm TEXT,
    doc_type TEXT,
    issuer TEXT,
    issued_at INTEGER,
    title TEXT,
    unit_id INTEGER,
    filename TEXT NOT NULL,
    model TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX documents_number ON documents (number_norm);
CREATE INDEX documents_unit ON documents (unit_id);

CREATE TABLE doc_relations (
    id INTEGER PRIMARY KEY,
    from_doc INTEGER NOT NULL REFERENCES documents (id),
    kind TEXT NOT NULL,
    ref_number TEXT NOT NULL,
    ref_type TEXT,
    ref_issuer TEXT,
    ref_date INTEGER,
    to_doc INTEGER REFERENCES documents (id)
);
CREATE INDEX doc_relations_from ON doc_relations (from_doc);
CREATE INDEX doc_relations_to ON doc_relations (to_doc);
CREATE INDEX doc_relations_number ON doc_relations (ref_number);

CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    document_id INTEGER NOT NULL REFERENCES documents (id),
    scope_unit_id INTEGER NOT NULL,
    plan_due INTEGER NOT NULL,
    study_due INTEGER NOT NULL,
    coverage_target INTEGER NOT NULL,
    report_recurrence TEXT NOT NULL,
    report_first_due INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX campaigns_document ON campaigns (document_id);

CREATE TABLE plans (
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    unit_id INTEGER NOT NULL,
    document_id INTEGER NOT NULL REFERENCES documents (id),
    parent_document_id INTEGER NOT NULL,
    issued_at INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, unit_id)
);
CREATE INDEX plans_document ON plans (document_id);

-- Maintained SUBTREE totals per (campaign, unit); see the store crate's docs.
CREATE TABLE campaign_unit_stats (
    campaign_id INTEGER NOT NULL,
    unit_id INTEGER NOT NULL,
    members INTEGER NOT NULL DEFAULT 0,
    attended INTEGER NOT NULL DEFAULT 0,
    plans_expected INTEGER NOT NULL DEFAULT 0,
    plans_on_time INTEGER NOT NULL DEFAULT 0,
    plans_late INTEGER NOT NULL DEFAULT 0,
    tasks_done_on_time INTEGER NOT NULL DEFAULT 0,
    tasks_done_late INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign_id, unit_id)
) WITHOUT ROWID;

-- Open tasks of a subtree bucketed by current deadline, so overdue is read at query time.
CREATE TABLE campaign_task_open (
    campaign_id INTEGER NOT NULL,
    unit_id INTEGER NOT NULL,
    due_at INTEGER NOT NULL,
    started INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, unit_id, due_at, started)
) WITHOUT ROWID;

-- Reports submitted in a subtree, per report period.
CREATE TABLE campaign_report_stats (
    campaign_id INTEGER NOT NULL,
    unit_id INTEGER NOT NULL,
    period_due INTEGER NOT NULL,
    reports_in INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, unit_id, period_due)
) WITHOUT ROWID;

-- Members who attended any session of a campaign (first attendance counts).
CREATE TABLE campaign_attendees (
    campaign_id INTEGER NOT NULL,
    member_id INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, member_id)
) WITHOUT ROWID;

CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER REFERENCES campaigns (id),
    document_id INTEGER REFERENCES documents (id),
    section TEXT,
    title TEXT NOT NULL,
    lead_unit_id INTEGER NOT NULL,
    due_at INTEGER,
    recurrence TEXT,
    state TEXT NOT NULL,
    progress INTEGER NOT NULL DEFAULT 0,
    completed_at INTEGER,
    extension_until INTEGER,
    extension_reason TEXT,
    sent_back_reason TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX tasks_lead ON tasks (lead_unit_id);
CREATE INDEX tasks_campaign ON tasks (campaign_id, due_at);

CREATE TABLE task_support (
    task_id INTEGER NOT NULL REFERENCES tasks (id),
    unit_id INTEGER NOT NULL,
    PRIMARY KEY (task_id, unit_id)
);

CREATE TABLE task_updates (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks (id),
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    progress INTEGER,
    note TEXT NOT NULL,
    evidence TEXT
);
CREATE INDEX task_updates_task ON task_updates (task_id);

CREATE TABLE study_sessions (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER REFERENCES campaigns (id),
    organiser_unit_id INTEGER NOT NULL,
    title TEXT NOT NULL,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    mode TEXT NOT NULL,
    venue TEXT NOT NULL,
    presenter TEXT NOT NULL,
    participant_groups TEXT NOT NULL,
    makeup_of INTEGER,
    attended INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX study_sessions_organiser ON study_sessions (organiser_unit_id);
CREATE INDEX study_sessions_campaign ON study_sessions (campaign_id);

CREATE TABLE bridge_points (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES study_sessions (id),
    unit_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    expected INTEGER NOT NULL
);
CREATE INDEX bridge_points_session ON bridge_points (session_id);

CREATE TABLE attendance (
    session_id INTEGER NOT NULL,
    member_id INTEGER NOT NULL,
    method TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (session_id, member_id)
) WITHOUT ROWID;

CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    unit_id INTEGER NOT NULL,
    period_due INTEGER NOT NULL,
    figures TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    submitted_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (campaign_id, unit_id, period_due)
);

CREATE TABLE inspections (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER,
    inspector_unit_id INTEGER NOT NULL,
    inspected_unit_id INTEGER NOT NULL,
    at INTEGER NOT NULL,
    findings TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX inspections_inspected ON inspections (inspected_unit_id);

CREATE TABLE commendations (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER,
    unit_id INTEGER,
    member_id INTEGER,
    reason TEXT NOT NULL,
    at INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX commendations_unit ON commendations (unit_id);

-- Hash-chained audit log: hash = sha256(prev_hash || canonical row).
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    op TEXT NOT NULL,
    before TEXT,
    after TEXT,
    hash TEXT NOT NULL
);
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- What changed, in order, for search indexers to follow.
CREATE TABLE changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    op TEXT NOT NULL,
    at INTEGER NOT NULL
);
