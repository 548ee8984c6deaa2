"""Versioned schema. ``PRAGMA user_version`` holds the version; each step is one transaction.

Never edit a released step: add a new one. Every syncable row carries a UUID
``id``, ``created_at``, ``updated_at`` (UTC ISO) and a ``deleted_at`` tombstone.
Text a user may ask to encrypt (journal title/body, task title/notes, habit
names, message content, the assistant's state) is declared ``BLOB`` so ciphertext can replace it in
place; ``enc`` holds the key version (0 = plain).
"""

from __future__ import annotations

from collections.abc import Callable
from sqlite3 import Connection

SYNC_COLUMNS = """
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
"""

V1 = f"""
CREATE TABLE tasks (
    id TEXT PRIMARY KEY,
    title BLOB NOT NULL,
    notes BLOB NOT NULL DEFAULT '',
    enc INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'doing', 'done')),
    priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high')),
    due_at TEXT,
    due_all_day INTEGER NOT NULL DEFAULT 0 CHECK (due_all_day IN (0, 1)),
    completed_at TEXT,
    parent_id TEXT REFERENCES tasks(id),
    tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
    recurrence TEXT,
    series_id TEXT,
    {SYNC_COLUMNS}
);
CREATE INDEX tasks_open_due ON tasks(due_at) WHERE deleted_at IS NULL AND status != 'done';
CREATE INDEX tasks_completed ON tasks(completed_at) WHERE completed_at IS NOT NULL;
CREATE INDEX tasks_parent ON tasks(parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX tasks_updated ON tasks(updated_at);
CREATE INDEX tasks_created ON tasks(created_at);

CREATE TABLE habits (
    id TEXT PRIMARY KEY,
    name BLOB NOT NULL,
    name_key TEXT NOT NULL,
    enc INTEGER NOT NULL DEFAULT 0,
    target INTEGER NOT NULL DEFAULT 1 CHECK (target >= 1),
    unit TEXT NOT NULL DEFAULT 'times',
    frequency TEXT NOT NULL DEFAULT 'daily' CHECK (frequency IN ('daily', 'weekly')),
    color TEXT,
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    {SYNC_COLUMNS}
);
CREATE UNIQUE INDEX habits_active_name ON habits(name_key)
    WHERE deleted_at IS NULL AND archived = 0;

CREATE TABLE habit_entries (
    id TEXT PRIMARY KEY,
    habit_id TEXT NOT NULL REFERENCES habits(id),
    day TEXT NOT NULL,
    count INTEGER NOT NULL CHECK (count >= 0),
    {SYNC_COLUMNS},
    UNIQUE (habit_id, day)
);

CREATE TABLE journal_entries (
    id TEXT PRIMARY KEY,
    title BLOB NOT NULL DEFAULT '',
    body BLOB NOT NULL,
    enc INTEGER NOT NULL DEFAULT 0,
    mood TEXT CHECK (mood IS NULL OR mood IN ('great', 'good', 'okay', 'bad', 'awful')),
    tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
    source TEXT NOT NULL DEFAULT 'typed' CHECK (source IN ('typed', 'voice')),
    {SYNC_COLUMNS}
);
CREATE INDEX journal_created ON journal_entries(created_at);

CREATE TABLE focus_sessions (
    id TEXT PRIMARY KEY,
    task_id TEXT REFERENCES tasks(id),
    kind TEXT NOT NULL CHECK (kind IN ('work', 'short_break', 'long_break')),
    planned_minutes INTEGER NOT NULL CHECK (planned_minutes > 0),
    started_at TEXT NOT NULL,
    ended_at TEXT,
    completed INTEGER NOT NULL DEFAULT 0 CHECK (completed IN (0, 1)),
    paused_at TEXT,
    paused_seconds REAL NOT NULL DEFAULT 0,
    {SYNC_COLUMNS}
);
CREATE UNIQUE INDEX focus_one_running ON focus_sessions(ended_at IS NULL)
    WHERE ended_at IS NULL AND deleted_at IS NULL;
CREATE INDEX focus_started ON focus_sessions(started_at);
CREATE INDEX habit_entries_day ON habit_entries(day);

CREATE TABLE conversations (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    {SYNC_COLUMNS}
);

CREATE TABLE messages (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations(id),
    role TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
    content BLOB NOT NULL,
    enc INTEGER NOT NULL DEFAULT 0,
    meta TEXT NOT NULL DEFAULT '{{}}' CHECK (json_valid(meta)),
    {SYNC_COLUMNS}
);
CREATE INDEX messages_conversation ON messages(conversation_id, created_at);

CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

#: Google Sheets sync (issue 7): the last-synced snapshot for the three-way merge,
#: the conflict log the user can read, and small key/value sync state. Kept out of
#: ``meta`` so exports (which carry ``meta``) never carry one device's sync state.
V2 = """
CREATE TABLE sync_snapshot (
    entity TEXT NOT NULL,
    row_id TEXT NOT NULL,
    hash TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    on_sheet INTEGER NOT NULL DEFAULT 1 CHECK (on_sheet IN (0, 1)),
    PRIMARY KEY (entity, row_id)
) WITHOUT ROWID;

CREATE TABLE sync_conflicts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    entity TEXT NOT NULL,
    row_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    winner TEXT NOT NULL,
    local_json TEXT,
    remote_json TEXT,
    detail TEXT NOT NULL DEFAULT '',
    seen INTEGER NOT NULL DEFAULT 0 CHECK (seen IN (0, 1))
);
CREATE INDEX sync_conflicts_at ON sync_conflicts(at);

CREATE TABLE sync_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

#: The assistant across processes (issue 5): ``nargis ask "delete X"``, then ``nargis ask
#: yes``, then ``nargis ask "undo that"`` are three processes, so what a conversation is
#: waiting for and what it can take back live here, not in one process's memory.
#: ``summary`` is the running summary of the turns folded out of the LLM's context, and
#: ``summary_count`` how many of the conversation's messages (oldest first) it covers.
#: The two new tables are one device's working state, like sync state: not exported.
#: ``refused_at`` marks an action whose undo was refused because the data changed since:
#: "undo that" moves past it to the one before. Neither table holds journal text: pending
#: questions are about tasks and habits, and an action keeps its spoken message and the
#: ids its undo needs, never its arguments.
#: They do hold task and habit names and the user's words, so with "encrypt tasks too"
#: the vault seals them like the tasks (``vault.tables.ASSISTANT``): conversation title
#: and summary, the pending question's ``data`` and an action's ``message`` are ``BLOB``
#: with an ``enc`` key version. ``conversations.title`` was declared ``TEXT`` in v1; TEXT
#: affinity stores a blob as it is, so ciphertext fits there too. ``data`` is checked as
#: JSON only while it is plain.
V3 = """
ALTER TABLE conversations ADD COLUMN summary BLOB NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN summary_count INTEGER NOT NULL DEFAULT 0
    CHECK (summary_count >= 0);
ALTER TABLE conversations ADD COLUMN enc INTEGER NOT NULL DEFAULT 0;

CREATE TABLE assistant_pending (
    conversation_id TEXT PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('confirm', 'choose')),
    data BLOB NOT NULL CHECK (enc > 0 OR json_valid(data)),
    enc INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE TABLE assistant_actions (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    tool TEXT NOT NULL,
    message BLOB NOT NULL DEFAULT '',
    enc INTEGER NOT NULL DEFAULT 0,
    undo TEXT NOT NULL CHECK (json_valid(undo)),
    created_at TEXT NOT NULL,
    undone_at TEXT,
    refused_at TEXT
);
CREATE INDEX assistant_actions_conversation ON assistant_actions(conversation_id, created_at);
"""

Step = str | Callable[[Connection], None]

#: (version, step). The version after applying the step.
MIGRATIONS: list[tuple[int, Step]] = [
    (1, V1),
    (2, V2),
    (3, V3),
]

LATEST = MIGRATIONS[-1][0]
