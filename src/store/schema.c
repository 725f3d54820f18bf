/* schema: numbered migrations, applied in order and recorded in
 * schema_migrations. A migration is never edited once released: add a new
 * one. Types are kept to INTEGER and TEXT so the same text serves every
 * engine; times are ISO 8601 text in UTC. A "search" column holds the
 * folded text (lower case, no accents: lib/text.h) that ?q= matches, the
 * same on every engine. */
#include "schema.h"
#include <stdio.h>
#include <string.h>
#include "db.h"
#include "kpis.h"
#include "../lib/timeutil.h"

typedef struct {
    int version;
    const char *sql;
    StoreResult (*then)(Db *db); /* optional: C work after the SQL, same transaction */
    /* optional text run after sql on one engine only (e.g. full-text indexes) */
    const char *sqlite, *postgresql;
} Migration;

static const Migration migrations[] = {
    {1,
     "CREATE TABLE users (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  email TEXT NOT NULL UNIQUE,\n"
     "  name TEXT NOT NULL,\n"
     "  handle TEXT NOT NULL UNIQUE,\n"
     "  role TEXT NOT NULL CHECK (role IN ('admin','manager','sales','recruiter','tech','consultant')),\n"
     "  password_hash TEXT NOT NULL,\n"
     "  disabled INTEGER NOT NULL DEFAULT 0,\n"
     "  version INTEGER NOT NULL DEFAULT 1,\n"
     "  created_at TEXT NOT NULL,\n"
     "  updated_at TEXT NOT NULL);\n"
     "CREATE TABLE sessions (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  token_hash TEXT NOT NULL UNIQUE,\n"
     "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,\n"
     "  csrf_token TEXT NOT NULL,\n"
     "  created_at TEXT NOT NULL,\n"
     "  expires_at TEXT NOT NULL);\n"
     "CREATE INDEX sessions_expires ON sessions(expires_at);\n"
     "CREATE TABLE api_tokens (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  token_hash TEXT NOT NULL UNIQUE,\n"
     "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,\n"
     "  label TEXT,\n"
     "  created_at TEXT NOT NULL,\n"
     "  revoked_at TEXT);\n"
     "CREATE TABLE signin_failures (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  email TEXT NOT NULL,\n"
     "  address TEXT NOT NULL,\n"
     "  at TEXT NOT NULL);\n"
     "CREATE INDEX signin_failures_email ON signin_failures(email, at);\n"
     "CREATE INDEX signin_failures_address ON signin_failures(address, at);\n"
     "CREATE INDEX signin_failures_at ON signin_failures(at);\n"
     "CREATE TABLE audit_log (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  at TEXT NOT NULL,\n"
     "  user_id INTEGER,\n"
     "  action TEXT NOT NULL,\n"
     "  object_type TEXT,\n"
     "  object_id INTEGER,\n"
     "  address TEXT);\n"
     "CREATE TABLE clients (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  version INTEGER NOT NULL DEFAULT 1,\n"
     "  name TEXT NOT NULL,\n"
     "  created_at TEXT NOT NULL,\n"
     "  updated_at TEXT NOT NULL);\n"
     "CREATE TABLE people (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  version INTEGER NOT NULL DEFAULT 1,\n"
     "  kind TEXT NOT NULL CHECK (kind IN ('candidate','consultant')),\n"
     "  first_name TEXT NOT NULL,\n"
     "  last_name TEXT NOT NULL,\n"
     "  email TEXT,\n"
     "  phone TEXT,\n"
     "  location TEXT,\n"
     "  available_from TEXT,\n"
     "  daily_rate INTEGER,\n"
     "  search TEXT NOT NULL DEFAULT '',\n"
     "  created_at TEXT NOT NULL,\n"
     "  updated_at TEXT NOT NULL);\n"
     "CREATE TABLE person_skills (\n"
     "  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,\n"
     "  skill TEXT NOT NULL,\n"
     "  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),\n"
     "  years INTEGER,\n"
     "  PRIMARY KEY (person_id, skill));\n"
     "CREATE INDEX person_skills_skill ON person_skills(skill, level);\n"
     "CREATE TABLE needs (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  version INTEGER NOT NULL DEFAULT 1,\n"
     "  title TEXT NOT NULL,\n"
     "  client_id INTEGER REFERENCES clients(id),\n"
     "  status TEXT NOT NULL CHECK (status IN ('draft','qualified','open','staffed','closed')),\n"
     "  description TEXT,\n"
     "  location TEXT,\n"
     "  remote TEXT NOT NULL CHECK (remote IN ('none','partial','full')),\n"
     "  start_date TEXT,\n"
     "  duration_days INTEGER,\n"
     "  daily_rate_max INTEGER,\n"
     "  created_by INTEGER REFERENCES users(id),\n"
     "  search TEXT NOT NULL DEFAULT '',\n"
     "  created_at TEXT NOT NULL,\n"
     "  updated_at TEXT NOT NULL);\n"
     "CREATE INDEX needs_status ON needs(status, id);\n"
     "CREATE TABLE need_skills (\n"
     "  need_id INTEGER NOT NULL REFERENCES needs(id) ON DELETE CASCADE,\n"
     "  position INTEGER NOT NULL,\n"
     "  skill TEXT NOT NULL,\n"
     "  min_level INTEGER NOT NULL CHECK (min_level BETWEEN 1 AND 5),\n"
     "  weight INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 5),\n"
     "  mandatory INTEGER NOT NULL,\n"
     "  PRIMARY KEY (need_id, skill));\n"
     "CREATE TABLE candidacies (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  version INTEGER NOT NULL DEFAULT 1,\n"
     "  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,\n"
     "  need_id INTEGER NOT NULL REFERENCES needs(id) ON DELETE CASCADE,\n"
     "  stage TEXT NOT NULL CHECK (stage IN ('sourced','contacted','interview','client_interview','offer','hired','rejected','withdrawn')),\n"
     "  reason TEXT,\n"
     "  created_at TEXT NOT NULL,\n"
     "  updated_at TEXT NOT NULL,\n"
     "  UNIQUE (person_id, need_id));\n"
     "CREATE INDEX candidacies_need ON candidacies(need_id, id);\n"},
    /* Sales and delivery: clients in full, contacts, deals, feasibility reviews. */
    {2,
     "ALTER TABLE clients ADD COLUMN siret TEXT;\n"
     "ALTER TABLE clients ADD COLUMN sector TEXT;\n"
     "ALTER TABLE clients ADD COLUMN address TEXT;\n"
     "ALTER TABLE clients ADD COLUMN owner_id INTEGER REFERENCES users(id);\n"
     "ALTER TABLE clients ADD COLUMN notes TEXT;\n"
     "ALTER TABLE clients ADD COLUMN name_key TEXT NOT NULL DEFAULT '';\n"
     "ALTER TABLE clients ADD COLUMN search TEXT NOT NULL DEFAULT '';\n"
     "CREATE INDEX clients_siret ON clients(siret);\n"
     "CREATE INDEX clients_name_key ON clients(name_key);\n"
     "CREATE TABLE contacts (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  version INTEGER NOT NULL DEFAULT 1,\n"
     "  client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,\n"
     "  name TEXT NOT NULL,\n"
     "  role TEXT,\n"
     "  email TEXT,\n"
     "  phone TEXT,\n"
     "  consent INTEGER NOT NULL DEFAULT 0,\n"
     "  created_at TEXT NOT NULL,\n"
     "  updated_at TEXT NOT NULL);\n"
     "CREATE INDEX contacts_client ON contacts(client_id, id);\n"
     "CREATE TABLE deals (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  version INTEGER NOT NULL DEFAULT 1,\n"
     "  client_id INTEGER NOT NULL REFERENCES clients(id),\n"
     "  title TEXT NOT NULL,\n"
     "  amount INTEGER NOT NULL CHECK (amount >= 0),\n"
     "  expected_close TEXT,\n"
     "  owner_id INTEGER REFERENCES users(id),\n"
     "  stage TEXT NOT NULL CHECK (stage IN ('lead','qualified','proposal','negotiation','won','lost')),\n"
     "  lost_reason TEXT,\n"
     "  review_requested INTEGER NOT NULL DEFAULT 0,\n"
     "  latest_review_id INTEGER,\n"
     "  created_at TEXT NOT NULL,\n"
     "  updated_at TEXT NOT NULL);\n"
     "CREATE INDEX deals_client ON deals(client_id, id);\n"
     "CREATE INDEX deals_stage ON deals(stage, id);\n"
     "CREATE TABLE deal_needs (\n"
     "  deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,\n"
     "  need_id INTEGER NOT NULL REFERENCES needs(id) ON DELETE CASCADE,\n"
     "  PRIMARY KEY (deal_id, need_id));\n"
     "CREATE INDEX deal_needs_need ON deal_needs(need_id);\n"
     "CREATE TABLE reviews (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,\n"
     "  verdict TEXT NOT NULL CHECK (verdict IN ('go','go_with_conditions','no_go')),\n"
     "  effort_days INTEGER NOT NULL,\n"
     "  risks TEXT,\n"
     "  conditions TEXT,\n"
     "  reviewer_id INTEGER REFERENCES users(id),\n"
     "  created_at TEXT NOT NULL);\n"
     "CREATE INDEX reviews_deal ON reviews(deal_id, id);\n"},
    /* Client satisfaction: one survey per link sent to a contact, answered once. */
    {3,
     "CREATE TABLE surveys (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  version INTEGER NOT NULL DEFAULT 1,\n"
     "  client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,\n"
     "  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,\n"
     "  need_id INTEGER REFERENCES needs(id) ON DELETE SET NULL,\n"
     "  token_hash TEXT NOT NULL UNIQUE,\n"
     "  created_by INTEGER REFERENCES users(id),\n"
     "  created_at TEXT NOT NULL,\n"
     "  expires_at TEXT NOT NULL,\n"
     "  score INTEGER CHECK (score BETWEEN 0 AND 10),\n"
     "  comment TEXT,\n"
     "  answered_at TEXT);\n"
     "CREATE INDEX surveys_client ON surveys(client_id, id);\n"},
    /* The review queue in the order reviews were asked for. */
    {4,
     "ALTER TABLE deals ADD COLUMN review_requested_at TEXT;\n"
     "UPDATE deals SET review_requested_at = updated_at WHERE review_requested = 1;\n"
     "CREATE INDEX deals_review_queue ON deals(review_requested, review_requested_at);\n"},
    /* candidates' private status links (store/application_links.c) */
    {5,
     "CREATE TABLE application_links (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  token_hash TEXT NOT NULL UNIQUE,\n"
     "  candidacy_id INTEGER NOT NULL REFERENCES candidacies(id) ON DELETE CASCADE,\n"
     "  created_at TEXT NOT NULL);\n"
     "CREATE INDEX application_links_candidacy ON application_links(candidacy_id);\n"},
    /* the event log (store/events.c); no foreign keys: history outlives
     * the rows it speaks of */
    {6,
     "CREATE TABLE events (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  at TEXT NOT NULL,\n"
     "  actor_id INTEGER,\n"
     "  type TEXT NOT NULL,\n"
     "  object_type TEXT NOT NULL,\n"
     "  object_id INTEGER NOT NULL,\n"
     "  client_id INTEGER,\n"
     "  need_id INTEGER,\n"
     "  person_id INTEGER,\n"
     "  before_json TEXT,\n"
     "  after_json TEXT);\n"
     "CREATE INDEX events_type_at ON events(type, at);\n"
     "CREATE INDEX events_object ON events(object_type, object_id);\n"},
    /* incidents ("hot potatoes") and their SLA setting (store/incidents.c):
     * at most one row of hours per severity, written when an admin first
     * changes the defaults (domain/incident_status.h) */
    {80,
     "CREATE TABLE incident_sla (\n"
     "  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
     "  version INTEGER NOT NULL DEFAULT 1,\n"
     "  low_hours INTEGER NOT NULL CHECK (low_hours > 0),\n"
     "  medium_hours INTEGER NOT NULL CHECK (medium_hours > 0),\n"
     "  high_hours INTEGER NOT NULL CHECK (high_hours > 0),\n"
     "  critical_hours INTEGER NOT NULL CHECK (critical_hours > 0),\n"
     "  updated_at TEXT);\n"
     "CREATE TABLE incidents (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  version INTEGER NOT NULL DEFAULT 1,\n"
     "  title TEXT NOT NULL,\n"
     "  description TEXT,\n"
     "  client_id INTEGER NOT NULL REFERENCES clients(id),\n"
     "  need_id INTEGER REFERENCES needs(id) ON DELETE SET NULL,\n"
     "  mission_id INTEGER REFERENCES candidacies(id) ON DELETE SET NULL,\n"
     "  consultant_id INTEGER REFERENCES people(id) ON DELETE SET NULL,\n"
     "  severity TEXT NOT NULL CHECK (severity IN ('low','medium','high','critical')),\n"
     "  status TEXT NOT NULL CHECK (status IN ('open','in_progress','resolved','closed')),\n"
     "  owner_id INTEGER NOT NULL REFERENCES users(id),\n"
     "  created_by INTEGER REFERENCES users(id),\n"
     "  accepted_at TEXT,\n"
     "  due_at TEXT NOT NULL,\n"
     "  resolution TEXT,\n"
     "  resolved_at TEXT,\n"
     "  closed_at TEXT,\n"
     "  channel_id INTEGER,\n"
     "  created_at TEXT NOT NULL,\n"
     "  updated_at TEXT NOT NULL);\n"
     "CREATE INDEX incidents_client ON incidents(client_id, id);\n"
     "CREATE INDEX incidents_status_due ON incidents(status, due_at);\n"
     "CREATE INDEX incidents_owner ON incidents(owner_id, id);\n"
     "CREATE TABLE incident_participants (\n"
     "  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,\n"
     "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,\n"
     "  PRIMARY KEY (incident_id, user_id));\n"
     "CREATE INDEX incident_participants_user ON incident_participants(user_id);\n"},
    /* team rituals, the points participants add to an occurrence's agenda,
     * and the personal calendar feed's tokens (hashed) */
    {81,
     "CREATE TABLE rituals (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  version INTEGER NOT NULL DEFAULT 1,\n"
     "  name TEXT NOT NULL,\n"
     "  description TEXT,\n"
     "  frequency TEXT NOT NULL CHECK (frequency IN ('daily','weekly','monthly')),\n"
     "  time TEXT NOT NULL,\n"
     "  duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),\n"
     "  weekday INTEGER CHECK (weekday BETWEEN 1 AND 7),\n"
     "  month_day INTEGER CHECK (month_day BETWEEN 1 AND 28),\n"
     "  starts_on TEXT NOT NULL,\n"
     "  channel_id INTEGER,\n"
     "  created_by INTEGER REFERENCES users(id),\n"
     "  created_at TEXT NOT NULL,\n"
     "  updated_at TEXT NOT NULL);\n"
     "CREATE TABLE ritual_participants (\n"
     "  ritual_id INTEGER NOT NULL REFERENCES rituals(id) ON DELETE CASCADE,\n"
     "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,\n"
     "  PRIMARY KEY (ritual_id, user_id));\n"
     "CREATE INDEX ritual_participants_user ON ritual_participants(user_id);\n"
     "CREATE TABLE ritual_points (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  ritual_id INTEGER NOT NULL REFERENCES rituals(id) ON DELETE CASCADE,\n"
     "  occurrence TEXT NOT NULL,\n"
     "  author_id INTEGER REFERENCES users(id),\n"
     "  body TEXT NOT NULL,\n"
     "  created_at TEXT NOT NULL);\n"
     "CREATE INDEX ritual_points_occurrence ON ritual_points(ritual_id, occurrence, id);\n"
     "CREATE TABLE calendar_tokens (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,\n"
     "  token_hash TEXT NOT NULL UNIQUE,\n"
     "  created_at TEXT NOT NULL);\n"
     "CREATE INDEX calendar_tokens_user ON calendar_tokens(user_id);\n"},
    /* careers page, applications, CVs and full-text search over people
     * (api/careers_page.c, api/cv.c, store/documents.c, store/people_index.c).
     * person_text holds the folded text of a person (name, e-mail, skills,
     * CV text); each engine indexes it its own way. */
    {20,
     "ALTER TABLE needs ADD COLUMN published INTEGER NOT NULL DEFAULT 0;\n"
     "ALTER TABLE needs ADD COLUMN published_at TEXT;\n"
     "ALTER TABLE needs ADD COLUMN salary_min INTEGER;\n"
     "ALTER TABLE needs ADD COLUMN salary_max INTEGER;\n"
     "CREATE INDEX needs_published ON needs(published, status, id);\n"
     "ALTER TABLE candidacies ADD COLUMN source TEXT;\n"
     "ALTER TABLE candidacies ADD COLUMN consent_at TEXT;\n"
     "ALTER TABLE candidacies ADD COLUMN message TEXT;\n"
     "CREATE INDEX people_email_lower ON people(lower(email));\n"
     "CREATE TABLE documents (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,\n"
     "  file_name TEXT NOT NULL,\n"
     "  media_type TEXT NOT NULL,\n"
     "  sha256 TEXT NOT NULL,\n"
     "  size INTEGER NOT NULL,\n"
     "  pages INTEGER,\n"
     "  text TEXT NOT NULL,\n"
     "  created_at TEXT NOT NULL);\n"
     "CREATE INDEX documents_person ON documents(person_id, id);\n"
     "CREATE INDEX documents_sha256 ON documents(sha256);\n"
     "CREATE TABLE skill_proposals (\n"
     "  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,\n"
     "  skill TEXT NOT NULL,\n"
     "  document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,\n"
     "  evidence TEXT,\n"
     "  position INTEGER NOT NULL DEFAULT 0,\n"
     "  created_at TEXT NOT NULL,\n"
     "  PRIMARY KEY (person_id, skill));\n"
     "CREATE TABLE person_text (\n"
     "  person_id INTEGER NOT NULL PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,\n"
     "  body TEXT NOT NULL);\n"
     "INSERT INTO person_text (person_id, body) SELECT id, search FROM people;\n",
     .sqlite = /* SQLite: an FTS5 index over person_text kept by triggers, so rows
      * copied in by `alliance migrate` are indexed as they arrive */
     "CREATE VIRTUAL TABLE people_fts USING fts5(body, content='person_text', content_rowid='person_id', "
     "tokenize='unicode61 remove_diacritics 2');\n"
     "CREATE TRIGGER person_text_ai AFTER INSERT ON person_text BEGIN\n"
     "  INSERT INTO people_fts(rowid, body) VALUES (new.person_id, new.body); END;\n"
     "CREATE TRIGGER person_text_ad AFTER DELETE ON person_text BEGIN\n"
     "  INSERT INTO people_fts(people_fts, rowid, body) VALUES ('delete', old.person_id, old.body); END;\n"
     "CREATE TRIGGER person_text_au AFTER UPDATE ON person_text BEGIN\n"
     "  INSERT INTO people_fts(people_fts, rowid, body) VALUES ('delete', old.person_id, old.body);\n"
     "  INSERT INTO people_fts(rowid, body) VALUES (new.person_id, new.body); END;\n"
     "INSERT INTO people_fts(people_fts) VALUES ('rebuild');\n",
     .postgresql = /* PostgreSQL: one GIN index over the simple, French and English
      * vectors of the folded text (already lower case without accents, so
      * no unaccent extension is needed); the query uses the same expression */
     "CREATE INDEX person_text_fts ON person_text USING gin ((to_tsvector('simple', body) || "
     "to_tsvector('french', body) || to_tsvector('english', body)));\n"},
    /* channels, posts, reactions, attachments and notifications
     * (store/channels.c, store/posts.c, store/notifications.c). A channel
     * owned by an object (client, need, deal, incident, ritual) has the slug
     * "<type>-<id>"; members who left keep their row (left_at) so they are
     * not added back automatically. Existing objects get their channel. */
    {60,
     "CREATE TABLE channels (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  version INTEGER NOT NULL DEFAULT 1,\n"
     "  name TEXT NOT NULL,\n"
     "  slug TEXT NOT NULL UNIQUE,\n"
     "  topic TEXT,\n"
     "  visibility TEXT NOT NULL CHECK (visibility IN ('public','private')),\n"
     "  object_type TEXT CHECK (object_type IN ('client','need','deal','incident','ritual')),\n"
     "  object_id INTEGER,\n"
     "  created_by INTEGER REFERENCES users(id),\n"
     "  created_at TEXT NOT NULL,\n"
     "  updated_at TEXT NOT NULL,\n"
     "  UNIQUE (object_type, object_id));\n"
     "CREATE TABLE channel_members (\n"
     "  channel_id INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,\n"
     "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,\n"
     "  joined_at TEXT NOT NULL,\n"
     "  left_at TEXT,\n"
     "  last_read_post_id INTEGER NOT NULL DEFAULT 0,\n"
     "  PRIMARY KEY (channel_id, user_id));\n"
     "CREATE INDEX channel_members_user ON channel_members(user_id, channel_id);\n"
     "CREATE TABLE posts (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  version INTEGER NOT NULL DEFAULT 1,\n"
     "  channel_id INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,\n"
     "  parent_id INTEGER REFERENCES posts(id) ON DELETE CASCADE,\n"
     "  author_id INTEGER REFERENCES users(id),\n"
     "  body TEXT NOT NULL,\n"
     "  html TEXT NOT NULL,\n"
     "  search TEXT NOT NULL DEFAULT '',\n"
     "  deleted INTEGER NOT NULL DEFAULT 0,\n"
     "  created_at TEXT NOT NULL,\n"
     "  updated_at TEXT NOT NULL,\n"
     "  edited_at TEXT);\n"
     "CREATE INDEX posts_channel ON posts(channel_id, id);\n"
     "CREATE INDEX posts_parent ON posts(parent_id, id);\n"
     "CREATE TABLE post_revisions (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,\n"
     "  body TEXT NOT NULL,\n"
     "  edited_by INTEGER REFERENCES users(id),\n"
     "  replaced_at TEXT NOT NULL);\n"
     "CREATE INDEX post_revisions_post ON post_revisions(post_id, id);\n"
     "CREATE TABLE reactions (\n"
     "  post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,\n"
     "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,\n"
     "  emoji TEXT NOT NULL,\n"
     "  created_at TEXT NOT NULL,\n"
     "  PRIMARY KEY (post_id, user_id, emoji));\n"
     "CREATE TABLE attachments (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  sha256 TEXT NOT NULL,\n"
     "  name TEXT NOT NULL,\n"
     "  media_type TEXT NOT NULL,\n"
     "  size INTEGER NOT NULL,\n"
     "  uploaded_by INTEGER REFERENCES users(id),\n"
     "  post_id INTEGER REFERENCES posts(id) ON DELETE SET NULL,\n"
     "  created_at TEXT NOT NULL);\n"
     "CREATE INDEX attachments_post ON attachments(post_id);\n"
     "CREATE TABLE notifications (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,\n"
     "  kind TEXT NOT NULL CHECK (kind IN ('mention','reply','assignment','review_requested','overdue')),\n"
     "  actor_id INTEGER REFERENCES users(id),\n"
     "  object_type TEXT,\n"
     "  object_id INTEGER,\n"
     "  channel_id INTEGER REFERENCES channels(id) ON DELETE CASCADE,\n"
     "  post_id INTEGER REFERENCES posts(id) ON DELETE CASCADE,\n"
     "  text TEXT NOT NULL,\n"
     "  created_at TEXT NOT NULL,\n"
     "  read_at TEXT);\n"
     "CREATE INDEX notifications_user ON notifications(user_id, id);\n"
     "INSERT INTO channels (name, slug, visibility, object_type, object_id, created_at, updated_at)\n"
     "  SELECT name, 'client-' || id, 'public', 'client', id, created_at, created_at FROM clients;\n"
     "INSERT INTO channels (name, slug, visibility, object_type, object_id, created_at, updated_at)\n"
     "  SELECT title, 'need-' || id, 'public', 'need', id, created_at, created_at FROM needs;\n"
     "INSERT INTO channels (name, slug, visibility, object_type, object_id, created_at, updated_at)\n"
     "  SELECT title, 'deal-' || id, 'public', 'deal', id, created_at, created_at FROM deals;\n",
     .sqlite = /* SQLite: FTS5 over the posts' folded text, kept by triggers */
     "CREATE VIRTUAL TABLE posts_fts USING fts5(search, content='posts', content_rowid='id', "
     "tokenize='unicode61 remove_diacritics 2');\n"
     "CREATE TRIGGER posts_ai AFTER INSERT ON posts BEGIN\n"
     "  INSERT INTO posts_fts(rowid, search) VALUES (new.id, new.search); END;\n"
     "CREATE TRIGGER posts_ad AFTER DELETE ON posts BEGIN\n"
     "  INSERT INTO posts_fts(posts_fts, rowid, search) VALUES ('delete', old.id, old.search); END;\n"
     "CREATE TRIGGER posts_au AFTER UPDATE OF search ON posts BEGIN\n"
     "  INSERT INTO posts_fts(posts_fts, rowid, search) VALUES ('delete', old.id, old.search);\n"
     "  INSERT INTO posts_fts(rowid, search) VALUES (new.id, new.search); END;\n",
     .postgresql = /* PostgreSQL: a GIN index over the French and English vectors of the
      * folded text; store/posts.c queries the same expression */
     "CREATE INDEX posts_fts ON posts USING gin ((to_tsvector('french', search) || "
     "to_tsvector('english', search)));\n"},
    /* KPIs (store/kpis.c): one row per candidacy folded from its events,
     * and the states read from the other events they use, filled from the
     * log already there */
    {70,
     "CREATE TABLE kpi_candidacies (\n"
     "  candidacy_id INTEGER NOT NULL PRIMARY KEY,\n"
     "  need_id INTEGER,\n"
     "  client_id INTEGER,\n"
     "  person_id INTEGER,\n"
     "  created_at TEXT,\n"
     "  first_answer_at TEXT,\n"
     "  hired_at TEXT,\n"
     "  stage_rank INTEGER NOT NULL,\n"
     "  events INTEGER NOT NULL);\n"
     /* covering: a year of candidacies is read from the index alone */
     "CREATE INDEX kpi_candidacies_created ON kpi_candidacies(created_at, candidacy_id, need_id, client_id, "
     "person_id, first_answer_at, hired_at, stage_rank, events);\n"
     "CREATE INDEX kpi_candidacies_hired ON kpi_candidacies(hired_at);\n"
     "CREATE INDEX kpi_candidacies_need_person ON kpi_candidacies(need_id, person_id);\n"
     "CREATE TABLE kpi_facts (\n"
     "  event_id INTEGER NOT NULL PRIMARY KEY,\n"
     "  kind INTEGER NOT NULL,\n"
     "  at TEXT NOT NULL,\n"
     "  object_id INTEGER NOT NULL,\n"
     "  client_id INTEGER,\n"
     "  need_id INTEGER,\n"
     "  state TEXT NOT NULL,\n"
     "  from_state TEXT NOT NULL,\n"
     "  num INTEGER NOT NULL);\n"
     "CREATE INDEX kpi_facts_at ON kpi_facts(at, event_id, kind, object_id, client_id, need_id, state, from_state, num);\n"
     "CREATE INDEX kpi_facts_client_at ON kpi_facts(client_id, at);\n",
     .then = store_kpi_rebuild},
    /* shared objectives (store/objectives.c): a KPI target for two or three teams */
    {71,
     "CREATE TABLE objectives (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  version INTEGER NOT NULL DEFAULT 1,\n"
     "  kpi TEXT NOT NULL,\n"
     "  target_milli INTEGER NOT NULL,\n"
     "  period_start TEXT NOT NULL,\n"
     "  period_end TEXT NOT NULL,\n"
     "  teams INTEGER NOT NULL,\n"
     "  client_id INTEGER REFERENCES clients(id) ON DELETE CASCADE,\n"
     "  created_by INTEGER REFERENCES users(id),\n"
     "  created_at TEXT NOT NULL,\n"
     "  updated_at TEXT NOT NULL);\n"
     "CREATE INDEX objectives_period ON objectives(period_end, id);\n"},
    /* Mail to candidates (outbox, templates), interviews, the no-ghosting
     * settings and clocks (api/candidate_mail.c, mail/, store/outbox.c). */
    {30,
     "ALTER TABLE people ADD COLUMN language TEXT NOT NULL DEFAULT 'fr';\n"
     "ALTER TABLE candidacies ADD COLUMN owner_id INTEGER REFERENCES users(id);\n"
     "ALTER TABLE candidacies ADD COLUMN candidate_message TEXT;\n"
     "ALTER TABLE candidacies ADD COLUMN last_contact_at TEXT;\n"
     "ALTER TABLE candidacies ADD COLUMN first_answer_at TEXT;\n"
     "UPDATE candidacies SET last_contact_at = updated_at;\n"
     "CREATE INDEX candidacies_contact ON candidacies(last_contact_at);\n"
     "CREATE TABLE outbox (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  message_id TEXT NOT NULL UNIQUE,\n"
     "  kind TEXT NOT NULL,\n"
     "  recipient TEXT NOT NULL,\n"
     "  subject TEXT NOT NULL,\n"
     "  message TEXT NOT NULL,\n"
     "  candidacy_id INTEGER REFERENCES candidacies(id) ON DELETE SET NULL,\n"
     "  status TEXT NOT NULL CHECK (status IN ('pending','sending','sent','failed')),\n"
     "  attempts INTEGER NOT NULL DEFAULT 0,\n"
     "  next_attempt_at TEXT NOT NULL,\n"
     "  lease_until TEXT,\n"
     "  claim TEXT,\n"
     "  last_error TEXT,\n"
     "  created_at TEXT NOT NULL,\n"
     "  sent_at TEXT);\n"
     "CREATE INDEX outbox_due ON outbox(status, next_attempt_at);\n"
     "CREATE TABLE mail_templates (\n"
     "  kind TEXT PRIMARY KEY,\n"
     "  version INTEGER NOT NULL,\n"
     "  subject_fr TEXT NOT NULL,\n"
     "  body_fr TEXT NOT NULL,\n"
     "  subject_en TEXT NOT NULL,\n"
     "  body_en TEXT NOT NULL,\n"
     "  updated_by INTEGER REFERENCES users(id),\n"
     "  updated_at TEXT NOT NULL);\n"
     "CREATE TABLE settings (\n"
     "  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
     "  version INTEGER NOT NULL DEFAULT 1,\n"
     "  response_sla_days INTEGER NOT NULL DEFAULT 5,\n"
     "  digest_date TEXT,\n"
     "  updated_at TEXT NOT NULL);\n"
     "CREATE TABLE interviews (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  version INTEGER NOT NULL DEFAULT 1,\n"
     "  candidacy_id INTEGER NOT NULL REFERENCES candidacies(id) ON DELETE CASCADE,\n"
     "  uid TEXT NOT NULL UNIQUE,\n"
     "  sequence INTEGER NOT NULL DEFAULT 0,\n"
     "  status TEXT NOT NULL CHECK (status IN ('scheduled','cancelled')),\n"
     "  starts_at TEXT NOT NULL,\n"
     "  ends_at TEXT NOT NULL,\n"
     "  duration_minutes INTEGER NOT NULL,\n"
     "  place TEXT,\n"
     "  video_url TEXT,\n"
     "  created_by INTEGER REFERENCES users(id),\n"
     "  created_at TEXT NOT NULL,\n"
     "  updated_at TEXT NOT NULL);\n"
     "CREATE INDEX interviews_candidacy ON interviews(candidacy_id, id);\n"
     "CREATE TABLE interview_interviewers (\n"
     "  interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,\n"
     "  user_id INTEGER NOT NULL REFERENCES users(id),\n"
     "  PRIMARY KEY (interview_id, user_id));\n"
     "CREATE INDEX interview_interviewers_user ON interview_interviewers(user_id);\n"},
    /* trust: sessions expire after a time without use (api/session.c, http/auth.c);
     * sessions from before have no last use and end at once */
    {50,
     "ALTER TABLE sessions ADD COLUMN last_seen_at TEXT NOT NULL DEFAULT '';\n"
     "CREATE INDEX sessions_user ON sessions(user_id);\n"},
    /* trust: single-use password reset links (store/password_resets.c) */
    {51,
     "CREATE TABLE password_resets (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,\n"
     "  token_hash TEXT NOT NULL UNIQUE,\n"
     "  created_at TEXT NOT NULL,\n"
     "  expires_at TEXT NOT NULL,\n"
     "  used_at TEXT);\n"
     "CREATE INDEX password_resets_user ON password_resets(user_id);\n"},
    /* trust: the right to erasure (store/privacy.c); no foreign key: the
     * record of an erasure outlives nothing it could point to */
    {52,
     "ALTER TABLE people ADD COLUMN erased_at TEXT;\n"
     "CREATE TABLE erasures (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  person_id INTEGER NOT NULL,\n"
     "  at TEXT NOT NULL,\n"
     "  actor_id INTEGER,\n"
     "  reason TEXT NOT NULL);\n"
     "CREATE INDEX erasures_person ON erasures(person_id);\n"},
    /* trust: people's requests about their data (store/privacy_requests.c) */
    {53,
     "CREATE TABLE privacy_requests (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  version INTEGER NOT NULL DEFAULT 1,\n"
     "  person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,\n"
     "  kind TEXT NOT NULL CHECK (kind IN ('access','erasure','rectification','objection')),\n"
     "  requester TEXT NOT NULL,\n"
     "  received_on TEXT NOT NULL,\n"
     "  due_on TEXT NOT NULL,\n"
     "  answered_on TEXT,\n"
     "  answer TEXT,\n"
     "  created_by INTEGER REFERENCES users(id),\n"
     "  created_at TEXT NOT NULL,\n"
     "  updated_at TEXT NOT NULL);\n"
     "CREATE INDEX privacy_requests_open ON privacy_requests(answered_on, due_on);\n"},
    /* imports and duplicates: keys compared to flag likely duplicates (domain/dedupe.h),
     * the flagged pairs, free-text tags (JSON Resume keywords), merges kept for history */
    {40,
     "CREATE TABLE person_keys (\n"
     "  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,\n"
     "  email_key TEXT,\n"
     "  phone_key TEXT,\n"
     "  city_key TEXT,\n"
     "  first_key TEXT,\n"
     "  last_key TEXT,\n"
     "  name_key TEXT,\n"
     "  PRIMARY KEY (person_id));\n"
     "CREATE INDEX person_keys_email ON person_keys(email_key);\n"
     "CREATE INDEX person_keys_phone ON person_keys(phone_key);\n"
     "CREATE INDEX person_keys_first ON person_keys(city_key, first_key);\n"
     "CREATE INDEX person_keys_last ON person_keys(city_key, last_key);\n"
     "CREATE TABLE duplicate_pairs (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  low_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,\n"
     "  high_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,\n"
     "  reasons TEXT NOT NULL,\n"
     "  dismissed INTEGER NOT NULL DEFAULT 0,\n"
     "  created_at TEXT NOT NULL,\n"
     "  UNIQUE (low_id, high_id));\n"
     "CREATE INDEX duplicate_pairs_high ON duplicate_pairs(high_id);\n"
     "CREATE TABLE person_tags (\n"
     "  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,\n"
     "  tag TEXT NOT NULL,\n"
     "  PRIMARY KEY (person_id, tag));\n"
     "CREATE TABLE person_merges (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  into_id INTEGER NOT NULL,\n"
     "  from_id INTEGER NOT NULL,\n"
     "  merged TEXT NOT NULL,\n"
     "  user_id INTEGER,\n"
     "  at TEXT NOT NULL);\n"
     "CREATE INDEX person_merges_into ON person_merges(into_id);\n"},
    /* social: secrets shared by the servers of a firm (store/server_keys.h)
     * and the generation of each calendar feed, whose address is derived
     * from them (lib/feed_token.h) instead of a stored random token: the
     * addresses of migration 81 stop working, /api/v1/me shows the new one */
    {61,
     "CREATE TABLE server_keys (\n"
     "  name TEXT PRIMARY KEY,\n"
     "  secret TEXT NOT NULL,\n"
     "  created_at TEXT NOT NULL);\n"
     "CREATE TABLE calendar_feeds (\n"
     "  user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,\n"
     "  generation INTEGER NOT NULL,\n"
     "  active INTEGER NOT NULL,\n"
     "  changed_at TEXT NOT NULL);\n"
     "DROP TABLE calendar_tokens;\n"},
    /* social: the slugs a renamed channel went by, so "#old-name" in
     * earlier posts still finds it (store/channels.h) */
    {62,
     "CREATE TABLE channel_slugs (\n"
     "  slug TEXT PRIMARY KEY,\n"
     "  channel_id INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,\n"
     "  replaced_at TEXT NOT NULL);\n"
     "CREATE INDEX channel_slugs_channel ON channel_slugs(channel_id);\n"},
    /* row-level access (domain/visibility.h): an account may stand for a
     * person (a consultant's own profile) or for a client (a client
     * contact, role "client", who sees their client's incidents). The role
     * check gains "client": SQLite cannot alter a CHECK, so its text is
     * loosened in place (the documented writable_schema way, safe because
     * every existing row still satisfies it; RESET reloads this
     * connection's schema); PostgreSQL replaces the constraint. The index
     * after it changes the schema cookie, so other connections reload. The
     * links are checked at commit (deferred): `alliance migrate` copies
     * users before the people and clients they point to. */
    {100,
     "ALTER TABLE users ADD COLUMN person_id INTEGER REFERENCES people(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED;\n"
     "ALTER TABLE users ADD COLUMN client_id INTEGER REFERENCES clients(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED;\n"
     "CREATE UNIQUE INDEX users_person ON users(person_id);\n"
     "CREATE INDEX users_client ON users(client_id);\n",
     .sqlite = "PRAGMA writable_schema = ON;\n"
               "UPDATE sqlite_schema SET sql = replace(sql, '''consultant'')', '''consultant'',''client'')') "
               "WHERE type = 'table' AND name = 'users';\n"
               "PRAGMA writable_schema = RESET;\n"
               "CREATE INDEX users_role ON users(role);\n",
     .postgresql = "ALTER TABLE users DROP CONSTRAINT users_role_check;\n"
                   "ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN "
                   "('admin','manager','sales','recruiter','tech','consultant','client'));\n"
                   "CREATE INDEX users_role ON users(role);\n"},
    /* social: every ritual has a channel from its creation on (its own, or
     * a team channel chosen for it: store/rituals.h); those made before get
     * their own now, named as store_ritual_channel names it (cut to the 80
     * characters of a channel's name), with their author and participants.
     * Plain SQL: a migration must not depend on how later code reads rows. */
    {63,
     "INSERT INTO channels (name, slug, visibility, object_type, object_id, created_by, created_at, updated_at)\n"
     "  SELECT 'Rituel : ' || CASE WHEN length(r.name) > 71 THEN substr(r.name, 1, 70) || '…' ELSE r.name END,\n"
     "    'ritual-' || r.id, 'public', 'ritual', r.id, r.created_by, r.created_at, r.created_at FROM rituals r\n"
     "  WHERE r.channel_id IS NULL AND NOT EXISTS\n"
     "    (SELECT 1 FROM channels c WHERE c.object_type = 'ritual' AND c.object_id = r.id);\n"
     "INSERT INTO channel_members (channel_id, user_id, joined_at)\n"
     "  SELECT c.id, r.created_by, r.created_at FROM rituals r\n"
     "  JOIN channels c ON c.object_type = 'ritual' AND c.object_id = r.id\n"
     "  WHERE r.channel_id IS NULL AND r.created_by IS NOT NULL AND NOT EXISTS\n"
     "    (SELECT 1 FROM channel_members m WHERE m.channel_id = c.id AND m.user_id = r.created_by);\n"
     "INSERT INTO channel_members (channel_id, user_id, joined_at)\n"
     "  SELECT c.id, p.user_id, r.created_at FROM rituals r JOIN ritual_participants p ON p.ritual_id = r.id\n"
     "  JOIN channels c ON c.object_type = 'ritual' AND c.object_id = r.id\n"
     "  WHERE r.channel_id IS NULL AND NOT EXISTS\n"
     "    (SELECT 1 FROM channel_members m WHERE m.channel_id = c.id AND m.user_id = p.user_id);\n"
     "UPDATE rituals SET channel_id = (SELECT c.id FROM channels c WHERE c.object_type = 'ritual'\n"
     "  AND c.object_id = rituals.id) WHERE channel_id IS NULL;\n"},
    /* privacy: the legal basis of each person's data and its retention
     * (domain/retention.h, store/legal_bases.c), the links of the warning
     * mail that lets them renew consent, the warnings sent (one per end
     * date), and the firm's retention settings. People already there get
     * the basis they were taken on; applicants who ticked the old careers
     * box (kept 24 months after the last exchange) get that consent. */
    {90,
     "CREATE TABLE legal_bases (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  version INTEGER NOT NULL DEFAULT 1,\n"
     "  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,\n"
     "  candidacy_id INTEGER REFERENCES candidacies(id) ON DELETE SET NULL,\n"
     "  purpose TEXT NOT NULL CHECK (purpose IN ('recruitment','talent_pool','employment')),\n"
     "  basis TEXT NOT NULL CHECK (basis IN ('consent','pre_contract','contract','legitimate_interest','legal_obligation')),\n"
     "  source TEXT NOT NULL CHECK (source IN ('careers_form','email','phone','recruiter','contract','import','api',"
     "'renewal_page','legacy')),\n"
     "  obtained_at TEXT NOT NULL,\n"
     "  renewed_at TEXT,\n"
     "  withdrawn_at TEXT,\n"
     "  recorded_by INTEGER REFERENCES users(id),\n"
     "  note TEXT,\n"
     "  created_at TEXT NOT NULL,\n"
     "  updated_at TEXT NOT NULL);\n"
     "CREATE INDEX legal_bases_person ON legal_bases(person_id, id);\n"
     "INSERT INTO legal_bases (person_id, purpose, basis, source, obtained_at, created_at, updated_at)\n"
     "  SELECT id, CASE WHEN kind = 'consultant' THEN 'employment' ELSE 'recruitment' END,\n"
     "         CASE WHEN kind = 'consultant' THEN 'contract' ELSE 'legitimate_interest' END,\n"
     "         'legacy', created_at, created_at, created_at FROM people WHERE erased_at IS NULL;\n"
     "INSERT INTO legal_bases (person_id, candidacy_id, purpose, basis, source, obtained_at, note, created_at, updated_at)\n"
     "  SELECT c.person_id, c.id, 'talent_pool', 'consent', 'careers_form', c.consent_at,\n"
     "         'formulaire de candidature : conservation 24 mois après le dernier échange', c.consent_at, c.consent_at\n"
     "  FROM candidacies c JOIN people p ON p.id = c.person_id\n"
     "  WHERE c.consent_at IS NOT NULL AND p.erased_at IS NULL;\n"
     "CREATE TABLE privacy_links (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,\n"
     "  token_hash TEXT NOT NULL UNIQUE,\n"
     "  created_at TEXT NOT NULL,\n"
     "  expires_at TEXT NOT NULL);\n"
     "CREATE INDEX privacy_links_person ON privacy_links(person_id);\n"
     "CREATE TABLE retention_notices (\n"
     "  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,\n"
     "  retention_until TEXT NOT NULL,\n"
     "  sent_at TEXT NOT NULL,\n"
     "  PRIMARY KEY (person_id, retention_until));\n"
     "ALTER TABLE settings ADD COLUMN rejected_retention_months INTEGER NOT NULL DEFAULT 3;\n"
     "ALTER TABLE settings ADD COLUMN talent_pool_retention_months INTEGER NOT NULL DEFAULT 24;\n"
     "ALTER TABLE settings ADD COLUMN retention_warning_days INTEGER NOT NULL DEFAULT 30;\n"
     "ALTER TABLE settings ADD COLUMN purge_date TEXT;\n"},
    /* trust: password reset requests by e-mail, counted per e-mail and per
     * address so that nobody can flood an inbox (api/password_reset.c);
     * forgotten with old sign-in failures */
    {91,
     "CREATE TABLE password_reset_requests (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  email TEXT NOT NULL,\n"
     "  address TEXT NOT NULL,\n"
     "  at TEXT NOT NULL);\n"
     "CREATE INDEX password_reset_requests_email ON password_reset_requests(email, at);\n"
     "CREATE INDEX password_reset_requests_address ON password_reset_requests(address, at);\n"},
    /* privacy: an erasure and an export read the events of one person; without
     * this each one read the whole log (store_events_of_person) */
    {92, "CREATE INDEX events_person ON events(person_id);\n"},
};

bool schema_known(int version) {
    for (size_t i = 0; i < sizeof migrations / sizeof migrations[0]; i++)
        if (migrations[i].version == version) return true;
    return false;
}

int schema_count(void) { return (int)(sizeof migrations / sizeof migrations[0]); }

int schema_latest(void) {
    int latest = 0; /* numbers are blocks per feature, not contiguous: the largest */
    for (size_t i = 0; i < sizeof migrations / sizeof migrations[0]; i++)
        if (migrations[i].version > latest) latest = migrations[i].version;
    return latest;
}

static int migrate_locked(Db *db) {
    if (db_exec(db, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)") != DB_OK)
        return -1;
    for (size_t i = 0; i < sizeof migrations / sizeof migrations[0]; i++) {
        if (db_begin_write(db) != DB_OK) return -1;
        DbStmt *st = db_prepare(db, "SELECT 1 FROM schema_migrations WHERE version = $1");
        if (!st) goto fail;
        db_bind_int(st, 1, migrations[i].version);
        DbStatus s = db_step(st);
        db_reset_all(db);
        if (s == DB_ROW) {
            db_commit(db);
            continue;
        }
        if (db_exec_migration(db, migrations[i].sql) != DB_OK) goto fail;
        const char *own = strcmp(db_engine_name(db), "postgresql") == 0 ? migrations[i].postgresql : migrations[i].sqlite;
        if (own && db_exec_migration(db, own) != DB_OK) goto fail;
        if (migrations[i].then && migrations[i].then(db) != STORE_OK) goto fail;
        st = db_prepare(db, "INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)");
        if (!st) goto fail;
        char now[21];
        time_now_iso(now);
        db_bind_int(st, 1, migrations[i].version);
        db_bind_text(st, 2, now);
        if (db_run(st) != DB_OK || db_commit(db) != DB_OK) goto fail;
    }
    return 0;
fail:
    fprintf(stderr, "alliance: migration failed: %s\n", db_errmsg(db));
    db_rollback(db);
    return -1;
}

int schema_migrate(Db *db) {
    /* Servers starting together on one database: one migrates, the others
     * wait, then find every migration recorded. */
    if (db_lock_schema(db, true) != DB_OK) return -1;
    int rc = migrate_locked(db);
    db_lock_schema(db, false);
    return rc;
}
