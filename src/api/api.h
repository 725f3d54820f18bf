/* api: one file per resource; each handler parses and validates input,
 * calls domain rules and the store, and renders JSON. The route table that
 * binds them to paths is routes.c. */
#ifndef ALLIANCE_API_H
#define ALLIANCE_API_H
#include "../http/access.h"
#include "../http/http.h"
#include "../http/validate.h"

void health_get(Request *rq, Response *rs);
void metrics_get(Request *rq, Response *rs);

void session_create(Request *rq, Response *rs);
void session_delete(Request *rq, Response *rs);
/* trust: sign out everywhere, password reset links */
void sessions_delete_all(Request *rq, Response *rs);
void password_reset_confirm(Request *rq, Response *rs);
void password_reset_request(Request *rq, Response *rs);
/* trust: the rights of access and erasure (privacy.c) */
void people_export(Request *rq, Response *rs);
/* Everything about person id as one JSON document (?format=zip: with their
 * files): the right of access, for staff and for the candidate's own link. */
void person_export(Request *rq, Response *rs, long long id);
void people_erase(Request *rq, Response *rs);
/* The files of a person whose rows just went (deleted, merged away):
 * those no row names any more leave the disk once the request commits.
 * hashes were read before (store_person_file_hashes). false on a store error. */
bool person_files_release(Request *rq, const char *const *hashes, int n);
/* privacy: legal bases and retention (legal_bases.c), the register of
 * processing (privacy_register.c), the public renewal page (privacy_page.c) */
void people_privacy_get(Request *rq, Response *rs);
/* What GET /api/v1/people/{id}/privacy answers (the export has it too);
 * NULL on a store error. */
json_t *person_privacy_json(Request *rq, long long id);
void legal_bases_create(Request *rq, Response *rs);
void legal_bases_renew(Request *rq, Response *rs);
void legal_bases_withdraw(Request *rq, Response *rs);
void privacy_register_get(Request *rq, Response *rs);
void privacy_page_get(Request *rq, Response *rs);
void privacy_page_renew(Request *rq, Response *rs);
void privacy_page_withdraw(Request *rq, Response *rs);
/* trust: people's requests about their data (privacy_requests.c) */
void privacy_requests_list(Request *rq, Response *rs);
void privacy_requests_create(Request *rq, Response *rs);
void privacy_requests_update(Request *rq, Response *rs);
void me_get(Request *rq, Response *rs);

void skills_search_get(Request *rq, Response *rs);
void about_get(Request *rq, Response *rs);

void clients_list(Request *rq, Response *rs);
void clients_create(Request *rq, Response *rs);
void clients_get(Request *rq, Response *rs);
void clients_update(Request *rq, Response *rs);
void contacts_list(Request *rq, Response *rs);
void contacts_create(Request *rq, Response *rs);
void contacts_update(Request *rq, Response *rs);
/* owner_id (when > 0) names an active sales or manager account; else an
 * error on owner_id is added to errs and false returned. */
bool check_owner(Request *rq, long long owner_id, json_t *errs);

void deals_list(Request *rq, Response *rs);
void deals_create(Request *rq, Response *rs);
void deals_get(Request *rq, Response *rs);
void deals_update(Request *rq, Response *rs);
void deals_request_review(Request *rq, Response *rs);
void reviews_create(Request *rq, Response *rs);
void reviews_list(Request *rq, Response *rs);
void reviews_requested(Request *rq, Response *rs);

void capabilities_list(Request *rq, Response *rs);

void people_list(Request *rq, Response *rs);
void people_create(Request *rq, Response *rs);
void people_get(Request *rq, Response *rs);
void people_update(Request *rq, Response *rs);
void people_delete(Request *rq, Response *rs);

void needs_list(Request *rq, Response *rs);
void needs_create(Request *rq, Response *rs);
void needs_get(Request *rq, Response *rs);
void needs_update(Request *rq, Response *rs);
void needs_matches(Request *rq, Response *rs);
void needs_gap(Request *rq, Response *rs);
/* Records a need created (from_status NULL), moved or edited in the event
 * log; shared by the needs API and a deal that opens its needs. */
void need_record_change(Request *rq, const Need *n, const char *from_status);

void candidacies_list(Request *rq, Response *rs);
void candidacies_create(Request *rq, Response *rs);
void candidacies_get(Request *rq, Response *rs);
void candidacies_update(Request *rq, Response *rs);

void users_list(Request *rq, Response *rs);
void users_create(Request *rq, Response *rs);
void users_get(Request *rq, Response *rs);
void users_update(Request *rq, Response *rs);

void audit_list(Request *rq, Response *rs);

/* matching engine (api/matches.c; needs_matches above too) */
void people_matches(Request *rq, Response *rs);
void gap_get(Request *rq, Response *rs);

void surveys_create(Request *rq, Response *rs);
void surveys_list(Request *rq, Response *rs);
void survey_page_get(Request *rq, Response *rs);
void survey_page_post(Request *rq, Response *rs);

/* KPIs and shared objectives (kpis.c, objectives.c) */
void kpis_list(Request *rq, Response *rs);
void kpis_series(Request *rq, Response *rs);
void objectives_list(Request *rq, Response *rs);
void objectives_create(Request *rq, Response *rs);
void objectives_get(Request *rq, Response *rs);
void objectives_update(Request *rq, Response *rs);
void objectives_delete(Request *rq, Response *rs);
/* careers page, applications, CVs (careers_page.c, application_page.c, cv.c) */
void careers_list_page(Request *rq, Response *rs);
void careers_offer_page(Request *rq, Response *rs);
void careers_apply(Request *rq, Response *rs);
void application_page_get(Request *rq, Response *rs);
void application_withdraw(Request *rq, Response *rs);
void application_cv(Request *rq, Response *rs);
void application_export(Request *rq, Response *rs);
void people_cv_upload(Request *rq, Response *rs);
void people_documents_list(Request *rq, Response *rs);
void documents_file_get(Request *rq, Response *rs);
void people_proposals_list(Request *rq, Response *rs);
void people_proposals_decide(Request *rq, Response *rs);
json_t *person_json(Request *rq, const Person *p);
/* Records "person.created", "person.updated" or "person.deleted" (facts,
 * no personal data); the matching index follows these events, so every
 * write that changes a person's skills, place, dates or rate calls it. */
void person_record_change(Request *rq, const Person *p, const char *type);
/* mail to candidates, interviews, no ghosting */
typedef struct Interview Interview;
/* Tells the candidate of a candidacy (mail of that template kind, e.g.
 * "application_received", "stage_offer"; iv for "interview_*" kinds) in
 * the request's transaction and records the event; false after answering
 * the error. Call it from any handler, e.g. when an application arrives. */
bool candidate_notify(Request *rq, Response *rs, long long candidacy_id, const char *kind, const Interview *iv);
void interviews_list(Request *rq, Response *rs);
void interviews_create(Request *rq, Response *rs);
void interviews_get(Request *rq, Response *rs);
void interviews_update(Request *rq, Response *rs);
void interviews_cancel(Request *rq, Response *rs);
void interviewers_list(Request *rq, Response *rs);
void outbox_list(Request *rq, Response *rs);
void mail_templates_list(Request *rq, Response *rs);
void mail_templates_get(Request *rq, Response *rs);
void mail_templates_put(Request *rq, Response *rs);
void settings_get(Request *rq, Response *rs);
void settings_update(Request *rq, Response *rs);
void alerts_list(Request *rq, Response *rs);

json_t *user_json(const User *u);

/* Incidents ("hot potatoes"), rituals and their agenda, the calendar feed. */
void incidents_list(Request *rq, Response *rs);
void incidents_create(Request *rq, Response *rs);
void incidents_get(Request *rq, Response *rs);
void incidents_update(Request *rq, Response *rs);
void incidents_accept(Request *rq, Response *rs);
void incident_sla_get(Request *rq, Response *rs);
void incident_sla_update(Request *rq, Response *rs);
void rituals_list(Request *rq, Response *rs);
void rituals_create(Request *rq, Response *rs);
void rituals_get(Request *rq, Response *rs);
void rituals_update(Request *rq, Response *rs);
void ritual_agenda_get(Request *rq, Response *rs);
void ritual_points_create(Request *rq, Response *rs);
void ritual_minutes_create(Request *rq, Response *rs);
void me_calendar_create(Request *rq, Response *rs);
void me_calendar_delete(Request *rq, Response *rs);
void calendar_feed_get(Request *rq, Response *rs);
void team_list(Request *rq, Response *rs);
/* Adds "calendar_url" (the caller's feed address, null when turned off)
 * and "calendar" {active, created_at} to the answer of GET /api/v1/me;
 * false on a storage error. */
bool me_calendar_fields(Request *rq, json_t *body);
/* A list of user ids (participants): see members_input.c. */
bool read_member_ids(Request *rq, json_t *arr, const char *field, Members *m, json_t *errs);
bool members_contain(const Members *m, long long user_id);
json_t *members_json(const Members *m);
json_t *member_ids_json(const Members *m);
/* Channels, posts, notifications, feed, live stream (channels.c, posts.c,
 * notifications.c, feed.c, events_stream.c). */
void channels_list(Request *rq, Response *rs);
void channels_create(Request *rq, Response *rs);
void channels_get(Request *rq, Response *rs);
void channels_update(Request *rq, Response *rs);
void channel_members_list(Request *rq, Response *rs);
void channel_members_add(Request *rq, Response *rs);
void channels_join(Request *rq, Response *rs);
void channels_leave(Request *rq, Response *rs);
void channels_read(Request *rq, Response *rs);
void posts_list(Request *rq, Response *rs);
void posts_create(Request *rq, Response *rs);
void posts_get(Request *rq, Response *rs);
void posts_update(Request *rq, Response *rs);
void posts_delete(Request *rq, Response *rs);
void posts_revisions(Request *rq, Response *rs);
void posts_search(Request *rq, Response *rs);
void reactions_add(Request *rq, Response *rs);
void reactions_delete(Request *rq, Response *rs);
void notifications_list(Request *rq, Response *rs);
void notifications_read_one(Request *rq, Response *rs);
void notifications_read_all(Request *rq, Response *rs);
void events_stream_get(Request *rq, Response *rs);
void feed_get(Request *rq, Response *rs);
void attachments_create(Request *rq, Response *rs);
void attachments_get(Request *rq, Response *rs);
/* Attaches the caller's uploads (ids) to a post; false after answering 422. */
bool attachments_link(Request *rq, Response *rs, json_t *ids, long long post_id);
json_t *channel_json(const Channel *c);
json_t *post_json(const Post *p);
/* The caller's view of channel id: false after answering 404 when the
 * caller may not see it. */
bool channel_load(Request *rq, Response *rs, long long id, Channel *c);
/* imports, exports, duplicates */
json_t *person_json(Request *rq, const Person *p);
/* person_json with the person's tags and flagged duplicates (single reads and writes). */
json_t *person_detail_json(Request *rq, const Person *p);
/* [{pair_id, person_id, reasons}] of the pairs waiting that include person_id; NULL on a store error. */
json_t *person_duplicates_json(Request *rq, long long person_id);
/* The validation of POST/PATCH /api/v1/people, shared by the imports: overlays
 * the fields of j on p, appends {field, message} to errs; true when valid. */
bool person_read(Request *rq, json_t *j, bool partial, Person *p, json_t *errs);
void duplicates_list(Request *rq, Response *rs);
void duplicates_dismiss(Request *rq, Response *rs);
void people_merge(Request *rq, Response *rs);
/* The event of a person an import created (no personal data, like the
 * events of people.c): "person.created" with its kind and source. */
void record_imported(Request *rq, const Person *p, const char *source);
void import_people_csv(Request *rq, Response *rs);
void export_people_csv(Request *rq, Response *rs);
void import_jsonresume(Request *rq, Response *rs);
void people_resume_json(Request *rq, Response *rs);

/* Shared answers for store results: 404, 409, 412 or 503. */
void reply_store_error(Request *rq, Response *rs, int result);

#endif
