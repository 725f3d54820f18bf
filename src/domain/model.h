/* model: the business objects shared by store/, domain/, match/ and api/.
 * Strings are owned by whoever allocated the object (an arena in a request).
 * Optional integers use -1 for "not given"; optional strings use NULL. */
#ifndef ALLIANCE_MODEL_H
#define ALLIANCE_MODEL_H
#include <stdbool.h>

typedef struct {
    const char *skill;  /* reference id, e.g. "java" */
    int level;          /* 1..5 */
    int years;          /* -1 unknown */
} PersonSkill;

typedef struct {
    long long id, version;
    const char *kind;   /* "candidate" | "consultant" */
    const char *first_name, *last_name, *email, *phone, *location, *available_from;
    long long daily_rate;  /* -1 not given */
    const char *language;  /* "fr" | "en": the language of mail to them */
    PersonSkill *skills;
    int nskills;
    const char *created_at, *updated_at;
} Person;

typedef struct {
    const char *skill;
    int min_level;      /* 1..5 */
    int weight;         /* 1..5 */
    bool mandatory;
} Requirement;

typedef struct {
    long long id, version;
    const char *title, *status, *description, *location, *remote, *start_date;
    long long client_id;       /* -1 none */
    const char *client_name;   /* read-only, joined from clients */
    long long duration_days;   /* -1 not given */
    long long daily_rate_max;  /* -1 not given */
    Requirement *skills;
    int nskills;
    const char *created_at, *updated_at;
    /* careers page: shown there while open and published */
    bool published;
    const char *published_at;  /* read-only: when first published */
    long long salary_min, salary_max; /* yearly salary band in euros; <= 0 not given */
} Need;

typedef struct {
    long long id, version, person_id, need_id;
    const char *stage, *reason, *created_at, *updated_at;
    const char *source;        /* how the person came: "careers", NULL not said */
    /* mail and no-ghosting: the recruiter in charge (-1 none), the words
     * for the candidate on an exit (reason stays internal), the last
     * candidate-facing action and the first answer (NULL: none yet) */
    long long owner_id;
    const char *candidate_message, *last_contact_at, *first_answer_at;
} Candidacy;

typedef struct {
    long long id, version;
    const char *email, *name, *handle, *role;
    bool disabled;
    /* row-level access: the person a consultant's account stands for, the
     * client a client contact's account belongs to (-1 none) */
    long long person_id, client_id;
} User;

typedef struct {
    long long id, version;
    const char *name;
    const char *siret, *sector, *address, *notes;  /* NULL when not given */
    long long owner_id;        /* -1 none: a sales or manager account */
    const char *owner_name;    /* read-only, joined from users */
    const char *created_at, *updated_at;
} Client;

typedef struct {
    long long id, version, client_id;
    const char *name, *role, *email, *phone;
    bool consent;              /* agrees to be contacted */
    const char *created_at, *updated_at;
} Contact;

typedef struct {
    long long id, deal_id;
    const char *verdict;       /* go | go_with_conditions | no_go */
    long long effort_days;
    const char *risks, *conditions;
    long long reviewer_id;
    const char *reviewer_name; /* read-only */
    const char *created_at;
} Review;

typedef struct {
    long long id, version, client_id;
    const char *client_name;   /* read-only */
    const char *title, *expected_close, *stage, *lost_reason;
    long long amount;          /* euro cents */
    long long owner_id;        /* -1 none */
    const char *owner_name;    /* read-only */
    long long *need_ids;
    int nneeds;
    bool review_requested;
    bool has_review;           /* latest_review is set */
    Review latest_review;
    const char *created_at, *updated_at;
} Deal;

typedef struct {
    long long id, version, client_id, contact_id;
    long long need_id;         /* -1 none */
    const char *contact_name;  /* read-only */
    int score;                 /* 0..10; -1 not answered yet */
    const char *comment, *created_at, *expires_at, *answered_at;
} Survey;

/* What an event concerns besides its object, for filters (-1 when none). */
typedef struct {
    long long client_id, need_id, person_id;
} EventRefs;

/* One business change, recorded once and never rewritten (store/events.h):
 * the source of the KPIs, the history views and the live stream. */
typedef struct {
    long long id;              /* increasing in commit order */
    const char *at;            /* ISO 8601 UTC */
    long long actor_id;        /* -1: the system or an anonymous visitor */
    const char *type;          /* "candidacy.stage", "need.status", ... */
    const char *object_type;   /* "candidacy", "need", ... */
    long long object_id;
    EventRefs refs;
    const char *before, *after; /* JSON text, NULL when none */
} Event;

/* Users named on an object (participants), with their names (read-only). */
typedef struct {
    long long *ids;
    const char **names;
    int n;
} Members;

/* An incident ("hot potato"): a client escalation with an owner who must
 * accept it, a severity whose SLA sets the due date, and a status. A
 * mission is a consultant's hired candidacy (there is no missions table). */
typedef struct {
    long long id, version;
    const char *title, *description;
    long long client_id;       /* required */
    const char *client_name;   /* read-only */
    long long need_id;         /* -1 none */
    const char *need_title;    /* read-only */
    long long mission_id;      /* -1 none: a hired candidacy */
    long long consultant_id;   /* -1 none: a person */
    const char *consultant_name; /* read-only */
    const char *severity, *status;
    long long owner_id;
    const char *owner_name;    /* read-only */
    long long created_by;      /* -1 unknown */
    const char *created_by_name; /* read-only */
    const char *accepted_at, *due_at, *resolution, *resolved_at, *closed_at;
    Members participants;
    long long channel_id;      /* -1 none yet: the incident's thread */
    const char *created_at, *updated_at;
} Incident;

/* A recurring team ritual held in Europe/Paris (domain/ritual_schedule.h). */
typedef struct {
    long long id, version;
    const char *name, *description, *frequency;
    const char *time;          /* "09:30", Paris time */
    long long duration_minutes;
    long long weekday;         /* weekly: 1 Monday .. 7 Sunday; -1 otherwise */
    long long month_day;       /* monthly: 1..28; -1 otherwise */
    const char *starts_on;     /* first possible date */
    long long channel_id;      /* -1 none */
    bool channel_own;          /* channel_id is the ritual's own channel, not a team channel chosen for it (read-only) */
    long long created_by;      /* -1 unknown */
    Members participants;
    const char *created_at, *updated_at;
} Ritual;

typedef struct {
    long long id, ritual_id, author_id;
    const char *occurrence;    /* the local date of the occurrence */
    const char *author_name, *body, *created_at;
} RitualPoint;
/* Channels, posts and notifications (store/channels.h, store/posts.h,
 * store/notifications.h). */
typedef struct {
    long long id, version;
    const char *name, *slug, *topic, *visibility;  /* visibility: public | private */
    const char *object_type;   /* client need deal incident ritual; NULL for a user's channel */
    long long object_id;       /* -1 none */
    long long created_by;      /* -1 none */
    const char *created_at, *updated_at;
    /* for the one reading it */
    bool member;
    long long unread, last_post_id, members;
} Channel;

/* Who reads: the account and, per CHANNEL_OBJECT_TYPES entry
 * (domain/channels.h), whether its role may see such objects' public
 * channels. */
typedef struct {
    long long user_id;
    bool sees[5];
} ChannelViewer;

typedef struct {
    const char *emoji;
    long long count;
    bool mine;
} Reaction;

typedef struct {
    long long id, size;
    const char *name, *media_type;
} PostFile;

typedef struct {
    long long id, version, channel_id;
    long long parent_id;       /* -1: not a reply */
    long long author_id;       /* -1: the system */
    const char *author_name, *author_handle;
    const char *body, *html;
    bool deleted;
    long long replies;
    const char *created_at, *updated_at, *edited_at;
    const char *channel_name;  /* read-only */
    Reaction *reactions;
    int nreactions;
    PostFile *files;           /* attachments */
    int nfiles;
} Post;

typedef struct {
    long long id, user_id;
    const char *kind;          /* mention reply assignment review_requested overdue */
    long long actor_id;        /* -1 none */
    const char *actor_name;
    const char *object_type;   /* NULL none */
    long long object_id, channel_id, post_id; /* -1 none */
    const char *text, *created_at, *read_at;
} Notification;
/* trust: a request from a person about their data (GDPR arts. 15-21),
 * tracked until answered; the law gives one month (due_on). */
typedef struct {
    long long id, version;
    long long person_id;       /* -1: not (yet) linked to a person */
    const char *kind;          /* "access" | "erasure" | "rectification" | "objection" */
    const char *requester;     /* who asked, and how */
    const char *received_on, *due_on, *answered_on; /* dates; answered_on NULL while open */
    const char *answer;
    const char *created_at, *updated_at;
} PrivacyRequest;
/* A shared objective: a KPI target two or three teams pursue together
 * over a period, optionally for one client (api/objectives.c). */
typedef struct {
    long long id, version;
    const char *kpi;           /* a KPI name (domain/kpi.h) */
    long long target_milli;    /* the target x 1000 */
    const char *period_start, *period_end; /* Paris dates, both included */
    int teams;                 /* KPI_TEAM_* bits */
    long long client_id;       /* -1 every client */
    long long created_by;      /* -1 unknown */
    const char *created_at, *updated_at;
} Objective;

#endif
