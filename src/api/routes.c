/* routes: every route of the server, its permission and its handler, in
 * one table (docs/openapi.yaml describes the same routes). A route whose
 * rows are seen only in part by some roles names their kind last
 * (domain/visibility.h); tests/api/access_matrix.test.mjs walks them all. */
#include "../http/router.h"
#include "api.h"

const Route ROUTES[] = {
    {"GET", "/healthz", NULL, health_get, ROUTE_PUBLIC},
    {"GET", "/metrics", NULL, metrics_get, ROUTE_PUBLIC},
    {"GET", "/api/v1/about", NULL, about_get, ROUTE_PUBLIC},

    {"POST", "/api/v1/session", NULL, session_create, ROUTE_PUBLIC | ROUTE_JSON | ROUTE_OWN_TX},
    {"DELETE", "/api/v1/session", "me.read", session_delete, 0},
    {"GET", "/api/v1/me", "me.read", me_get, 0},
    /* trust: sign out everywhere, password reset links */
    {"DELETE", "/api/v1/sessions", "me.write", sessions_delete_all, 0},
    {"POST", "/api/v1/password-reset", NULL, password_reset_confirm, ROUTE_PUBLIC | ROUTE_JSON | ROUTE_OWN_TX},
    {"POST", "/api/v1/password-reset/request", NULL, password_reset_request, ROUTE_PUBLIC | ROUTE_JSON},

    {"GET", "/api/v1/skills", "skills.read", skills_search_get, 0},

    {"GET", "/api/v1/clients", "clients.read", clients_list, 0},
    {"POST", "/api/v1/clients", "clients.write", clients_create, ROUTE_JSON},
    {"GET", "/api/v1/clients/{id}", "clients.read", clients_get, 0},
    {"PATCH", "/api/v1/clients/{id}", "clients.write", clients_update, ROUTE_JSON},
    {"GET", "/api/v1/clients/{id}/contacts", "clients.read", contacts_list, 0},
    {"POST", "/api/v1/clients/{id}/contacts", "clients.write", contacts_create, ROUTE_JSON},
    {"PATCH", "/api/v1/contacts/{id}", "clients.write", contacts_update, ROUTE_JSON},

    {"GET", "/api/v1/deals", "deals.read", deals_list, 0},
    {"POST", "/api/v1/deals", "deals.write", deals_create, ROUTE_JSON},
    {"GET", "/api/v1/deals/{id}", "deals.read", deals_get, 0},
    {"PATCH", "/api/v1/deals/{id}", "deals.write", deals_update, ROUTE_JSON},
    {"POST", "/api/v1/deals/{id}/review-request", "deals.write", deals_request_review, 0},
    {"GET", "/api/v1/deals/{id}/reviews", "deals.read", reviews_list, 0},
    {"POST", "/api/v1/deals/{id}/reviews", "reviews.write", reviews_create, ROUTE_JSON},
    {"GET", "/api/v1/reviews/requested", "deals.read", reviews_requested, 0},

    {"GET", "/api/v1/capabilities", "capabilities.read", capabilities_list, 0},

    {"GET", "/api/v1/people", "people.read", people_list, ROUTE_SCOPED, ROW_PERSON},
    {"POST", "/api/v1/people", "people.write", people_create, ROUTE_JSON},
    {"GET", "/api/v1/people/{id}", "people.read", people_get, 0, ROW_PERSON},
    {"PATCH", "/api/v1/people/{id}", "people.write", people_update, ROUTE_JSON, ROW_PERSON},
    {"DELETE", "/api/v1/people/{id}", "people.delete", people_delete, 0, ROW_PERSON},
    /* trust: the rights of access and erasure */
    {"GET", "/api/v1/people/{id}/export", "people.export", people_export, 0, ROW_PERSON},
    {"POST", "/api/v1/people/{id}/erase", "people.erase", people_erase, ROUTE_JSON, ROW_PERSON},
    {"GET", "/api/v1/privacy/requests", "privacy.read", privacy_requests_list, 0},
    {"POST", "/api/v1/privacy/requests", "privacy.write", privacy_requests_create, ROUTE_JSON},
    {"PATCH", "/api/v1/privacy/requests/{id}", "privacy.write", privacy_requests_update, ROUTE_JSON},
    /* privacy: legal bases, retention, the register of processing */
    {"GET", "/api/v1/people/{id}/privacy", "legal_bases.read", people_privacy_get, 0, ROW_PERSON},
    {"POST", "/api/v1/people/{id}/legal-bases", "legal_bases.write", legal_bases_create, ROUTE_JSON, ROW_PERSON},
    {"POST", "/api/v1/legal-bases/{id}/renew", "legal_bases.write", legal_bases_renew, 0},
    {"POST", "/api/v1/legal-bases/{id}/withdraw", "legal_bases.write", legal_bases_withdraw, 0},
    {"GET", "/api/v1/privacy/register", "privacy.read", privacy_register_get, 0},
    /* imports, exports, duplicates */
    {"GET", "/api/v1/people/duplicates", "people.read", duplicates_list, 0, ROW_PERSON},
    {"DELETE", "/api/v1/duplicates/{id}", "people.merge", duplicates_dismiss, 0},
    {"POST", "/api/v1/people/{id}/merge", "people.merge", people_merge, ROUTE_JSON, ROW_PERSON},
    {"GET", "/api/v1/people/{id}/resume.json", "people.read", people_resume_json, 0, ROW_PERSON},
    {"POST", "/api/v1/import/jsonresume", "people.import", import_jsonresume, ROUTE_JSON},
    {"POST", "/api/v1/import/people.csv", "people.import", import_people_csv, ROUTE_UPLOAD},
    {"GET", "/api/v1/export/people.csv", "people.export", export_people_csv, 0},

    {"GET", "/api/v1/needs", "needs.read", needs_list, 0},
    {"POST", "/api/v1/needs", "needs.write", needs_create, ROUTE_JSON},
    {"GET", "/api/v1/needs/{id}", "needs.read", needs_get, 0},
    {"PATCH", "/api/v1/needs/{id}", "needs.write", needs_update, ROUTE_JSON},
    {"GET", "/api/v1/needs/{id}/matches", "matches.read", needs_matches, 0},
    {"GET", "/api/v1/needs/{id}/gap", "capabilities.read", needs_gap, 0},

    {"GET", "/api/v1/candidacies", "candidacies.read", candidacies_list, ROUTE_SCOPED, ROW_CANDIDACY},
    {"POST", "/api/v1/candidacies", "candidacies.write", candidacies_create, ROUTE_JSON},
    {"GET", "/api/v1/candidacies/{id}", "candidacies.read", candidacies_get, 0, ROW_CANDIDACY},
    {"PATCH", "/api/v1/candidacies/{id}", "candidacies.write", candidacies_update, ROUTE_JSON, ROW_CANDIDACY},

    {"GET", "/api/v1/users", "users.read", users_list, 0},
    {"POST", "/api/v1/users", "users.write", users_create, ROUTE_JSON | ROUTE_OWN_TX},
    {"GET", "/api/v1/users/{id}", "users.read", users_get, 0},
    {"PATCH", "/api/v1/users/{id}", "users.write", users_update, ROUTE_JSON},

    {"GET", "/api/v1/audit", "audit.read", audit_list, 0},

    /* channels, posts, notifications (issue 8) */
    {"GET", "/api/v1/channels", "channels.read", channels_list, 0},
    {"POST", "/api/v1/channels", "channels.write", channels_create, ROUTE_JSON},
    {"GET", "/api/v1/channels/{id}", "channels.read", channels_get, 0, ROW_CHANNEL},
    {"PATCH", "/api/v1/channels/{id}", "channels.write", channels_update, ROUTE_JSON, ROW_CHANNEL},
    {"GET", "/api/v1/channels/{id}/members", "channels.read", channel_members_list, 0, ROW_CHANNEL},
    {"POST", "/api/v1/channels/{id}/members", "channels.write", channel_members_add, ROUTE_JSON, ROW_CHANNEL},
    {"POST", "/api/v1/channels/{id}/join", "channels.write", channels_join, 0, ROW_CHANNEL},
    {"POST", "/api/v1/channels/{id}/leave", "channels.write", channels_leave, 0, ROW_CHANNEL},
    {"POST", "/api/v1/channels/{id}/read", "channels.write", channels_read, ROUTE_JSON, ROW_CHANNEL},
    {"GET", "/api/v1/channels/{id}/posts", "channels.read", posts_list, 0, ROW_CHANNEL},
    {"POST", "/api/v1/channels/{id}/posts", "channels.write", posts_create, ROUTE_JSON, ROW_CHANNEL},
    {"GET", "/api/v1/posts", "channels.read", posts_search, 0},
    {"GET", "/api/v1/posts/{id}", "channels.read", posts_get, 0, ROW_POST},
    {"PATCH", "/api/v1/posts/{id}", "channels.write", posts_update, ROUTE_JSON, ROW_POST},
    {"DELETE", "/api/v1/posts/{id}", "channels.write", posts_delete, 0, ROW_POST},
    {"GET", "/api/v1/posts/{id}/revisions", "channels.read", posts_revisions, 0, ROW_POST},
    {"POST", "/api/v1/posts/{id}/reactions", "channels.write", reactions_add, ROUTE_JSON, ROW_POST},
    {"DELETE", "/api/v1/posts/{id}/reactions", "channels.write", reactions_delete, 0, ROW_POST},
    {"GET", "/api/v1/notifications", "notifications.read", notifications_list, 0},
    {"POST", "/api/v1/notifications/read", "notifications.write", notifications_read_all, 0},
    {"POST", "/api/v1/notifications/{id}/read", "notifications.write", notifications_read_one, 0},
    {"GET", "/api/v1/events", "notifications.read", events_stream_get, 0},
    {"GET", "/api/v1/feed", "channels.read", feed_get, 0},
    {"POST", "/api/v1/attachments", "channels.write", attachments_create, ROUTE_UPLOAD | ROUTE_OWN_TX},
    {"GET", "/api/v1/attachments/{id}", "channels.read", attachments_get, 0},
    /* matching engine: needs for a person, demand against supply */
    {"GET", "/api/v1/people/{id}/matches", "matches.read", people_matches, 0, ROW_PERSON},
    {"GET", "/api/v1/gap", "capabilities.read", gap_get, 0},
    /* KPIs and shared objectives */
    {"GET", "/api/v1/kpis", "kpis.read", kpis_list, 0},
    {"GET", "/api/v1/kpis/{token}/series", "kpis.read", kpis_series, 0},
    {"GET", "/api/v1/objectives", "objectives.read", objectives_list, 0},
    {"POST", "/api/v1/objectives", "objectives.write", objectives_create, ROUTE_JSON},
    {"GET", "/api/v1/objectives/{id}", "objectives.read", objectives_get, 0},
    {"PATCH", "/api/v1/objectives/{id}", "objectives.write", objectives_update, ROUTE_JSON},
    {"DELETE", "/api/v1/objectives/{id}", "objectives.write", objectives_delete, 0},

    {"GET", "/api/v1/surveys", "surveys.read", surveys_list, 0},
    {"POST", "/api/v1/surveys", "surveys.write", surveys_create, ROUTE_JSON},
    /* the public survey page: the token in the link is the only credential */
    {"GET", "/s/{token}", NULL, survey_page_get, ROUTE_PUBLIC},
    {"POST", "/s/{token}", NULL, survey_page_post, ROUTE_PUBLIC},

    /* incidents ("hot potatoes"), rituals and their agenda, the calendar feed */
    {"GET", "/api/v1/team", "team.read", team_list, 0},
    {"GET", "/api/v1/incidents", "incidents.read", incidents_list, ROUTE_SCOPED, ROW_INCIDENT},
    {"POST", "/api/v1/incidents", "incidents.write", incidents_create, ROUTE_JSON},
    {"GET", "/api/v1/incidents/{id}", "incidents.read", incidents_get, 0, ROW_INCIDENT},
    {"PATCH", "/api/v1/incidents/{id}", "incidents.write", incidents_update, ROUTE_JSON, ROW_INCIDENT},
    {"POST", "/api/v1/incidents/{id}/accept", "incidents.write", incidents_accept, 0, ROW_INCIDENT},
    {"GET", "/api/v1/incident-sla", "incidents.read", incident_sla_get, 0},
    {"PATCH", "/api/v1/incident-sla", "incidents.sla", incident_sla_update, ROUTE_JSON},
    {"GET", "/api/v1/rituals", "rituals.read", rituals_list, 0},
    {"POST", "/api/v1/rituals", "rituals.write", rituals_create, ROUTE_JSON},
    {"GET", "/api/v1/rituals/{id}", "rituals.read", rituals_get, 0},
    {"PATCH", "/api/v1/rituals/{id}", "rituals.write", rituals_update, ROUTE_JSON},
    {"GET", "/api/v1/rituals/{id}/agenda", "agenda.read", ritual_agenda_get, 0},
    {"POST", "/api/v1/rituals/{id}/agenda/points", "agenda.write", ritual_points_create, ROUTE_JSON},
    {"POST", "/api/v1/rituals/{id}/minutes", "agenda.write", ritual_minutes_create, ROUTE_JSON},
    {"POST", "/api/v1/me/calendar", "calendar.write", me_calendar_create, 0},
    {"DELETE", "/api/v1/me/calendar", "calendar.write", me_calendar_delete, 0},
    /* the personal calendar feed: the token in the address is the credential */
    {"GET", "/calendar/{token}.ics", NULL, calendar_feed_get, ROUTE_PUBLIC},
    /* careers page and candidates' applications (public: the token in the
     * status link is the only credential); uploads read the CV before
     * opening their write transaction */
    {"GET", "/careers", NULL, careers_list_page, ROUTE_PUBLIC},
    {"GET", "/careers/{token}", NULL, careers_offer_page, ROUTE_PUBLIC},
    {"POST", "/careers/{token}/apply", NULL, careers_apply, ROUTE_PUBLIC | ROUTE_UPLOAD | ROUTE_OWN_TX},
    {"GET", "/applications/{token}", NULL, application_page_get, ROUTE_PUBLIC},
    {"POST", "/applications/{token}/withdraw", NULL, application_withdraw, ROUTE_PUBLIC},
    {"POST", "/applications/{token}/cv", NULL, application_cv, ROUTE_PUBLIC | ROUTE_UPLOAD | ROUTE_OWN_TX},
    {"GET", "/applications/{token}/export", NULL, application_export, ROUTE_PUBLIC},
    /* privacy: the page of the warning mail, where a person renews or withdraws consent */
    {"GET", "/privacy/{token}", NULL, privacy_page_get, ROUTE_PUBLIC},
    {"POST", "/privacy/{token}/renew", NULL, privacy_page_renew, ROUTE_PUBLIC},
    {"POST", "/privacy/{token}/withdraw", NULL, privacy_page_withdraw, ROUTE_PUBLIC},
    /* CVs and skill proposals in the back office */
    {"POST", "/api/v1/people/{id}/cv", "people.write", people_cv_upload, ROUTE_UPLOAD | ROUTE_OWN_TX, ROW_PERSON},
    {"GET", "/api/v1/people/{id}/documents", "people.read", people_documents_list, 0, ROW_PERSON},
    {"GET", "/api/v1/documents/{id}", "people.read", documents_file_get, 0, ROW_DOCUMENT},
    {"GET", "/api/v1/people/{id}/skill-proposals", "people.read", people_proposals_list, 0, ROW_PERSON},
    {"POST", "/api/v1/people/{id}/skill-proposals", "people.write", people_proposals_decide, ROUTE_JSON, ROW_PERSON},
    /* mail to candidates, interviews, no ghosting */
    {"GET", "/api/v1/candidacies/{id}/interviews", "candidacies.read", interviews_list, 0, ROW_CANDIDACY},
    {"POST", "/api/v1/candidacies/{id}/interviews", "candidacies.write", interviews_create, ROUTE_JSON, ROW_CANDIDACY},
    {"GET", "/api/v1/interviews/{id}", "candidacies.read", interviews_get, 0, ROW_INTERVIEW},
    {"PATCH", "/api/v1/interviews/{id}", "candidacies.write", interviews_update, ROUTE_JSON, ROW_INTERVIEW},
    {"POST", "/api/v1/interviews/{id}/cancel", "candidacies.write", interviews_cancel, 0, ROW_INTERVIEW},
    {"GET", "/api/v1/interviewers", "candidacies.write", interviewers_list, 0},
    {"GET", "/api/v1/outbox", "outbox.read", outbox_list, 0},
    {"GET", "/api/v1/mail-templates", "mail_templates.read", mail_templates_list, 0},
    {"GET", "/api/v1/mail-templates/{token}", "mail_templates.read", mail_templates_get, 0},
    {"PUT", "/api/v1/mail-templates/{token}", "mail_templates.write", mail_templates_put, ROUTE_JSON},
    {"GET", "/api/v1/settings", "settings.read", settings_get, 0},
    {"PATCH", "/api/v1/settings", "settings.write", settings_update, ROUTE_JSON},
    {"GET", "/api/v1/alerts", "candidacies.read", alerts_list, 0, ROW_CANDIDACY},
};

const int NROUTES = sizeof ROUTES / sizeof ROUTES[0];
