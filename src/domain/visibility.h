/* visibility: who may see which rows and which fields, as pure rules.
 *
 * permissions.c says which role may use a route at all; this file says,
 * for a route it may use, which rows and fields the caller sees. The one
 * caller that applies these rules to requests is http/access.c (details,
 * lists, request and response fields); the matching engine, the CSV export
 * and the live stream call the field rules for what is not plain JSON.
 *
 * Rows. Staff (admin, manager, sales, recruiter, tech) see every row of
 * the kinds their role may read. A consultant sees, of people, only their
 * own profile (the person their account stands for) and its documents, and
 * of candidacies only their own missions (hired candidacies of that
 * person) and their interviews. A client contact sees only their own
 * client's incidents. Channels and their posts are seen by their members,
 * and when public by whoever may read their object (domain/channels.h);
 * a client contact sees none. Anything else of those kinds is answered as
 * if it did not exist (404): its existence is itself confidential. A route
 * the role may not use at all is a 403 (permissions.c), before any row is
 * read.
 *
 * Fields. Money that says what a person costs or earns, or what a client
 * pays, is for sales, managers and admins only: a person's daily_rate, a
 * need's daily_rate_max and its salary band (salary_min, salary_max), and
 * any field named like them. Other roles never receive them (they are
 * removed from every JSON answer), cannot send them, and cannot filter or
 * sort by them; the matching engine scores without the rate for them, so
 * no ranking or factor gives the figure away. */
#ifndef ALLIANCE_VISIBILITY_H
#define ALLIANCE_VISIBILITY_H
#include <stdbool.h>
#include "model.h"

/* The caller, as far as these rules need to know. */
typedef struct {
    long long user_id;
    const char *role;
    long long person_id; /* the person the account stands for, -1 none */
    long long client_id; /* the client a client contact belongs to, -1 none */
} Viewer;

Viewer viewer_of(const User *u);

/* The kinds of rows whose visibility depends on who asks. */
typedef enum {
    ROW_NONE = 0,  /* every row the route shows is for every role that may use it */
    ROW_PERSON,    /* a person, or something only about them (their CV, matches) */
    ROW_DOCUMENT,  /* a person's document (a CV file) */
    ROW_CANDIDACY, /* a person in the pipeline of a need */
    ROW_INTERVIEW, /* an interview of a candidacy */
    ROW_INCIDENT,
    ROW_CHANNEL,   /* a channel: members, or whoever may read its object when public (channels.h) */
    ROW_POST,      /* a post: as its channel */
} RowKind;

/* How much of a kind the viewer may see. */
typedef enum {
    SCOPE_ALL,  /* every row */
    SCOPE_OWN,  /* row by row: only those visibility_row accepts (theirs, a channel they may see) */
    SCOPE_NONE, /* none: 403 on the route */
} Scope;

typedef enum {
    ACCESS_OK,
    ACCESS_FORBIDDEN, /* 403: the object's existence is known, the action is not allowed */
    ACCESS_HIDDEN,    /* 404: as if the object did not exist */
} Access;

/* What a row says about whose it is (-1 / NULL when not applicable). */
typedef struct {
    long long person_id; /* the person it is about */
    long long client_id; /* the client it concerns */
    const char *stage;   /* a candidacy's (or its interview's) stage */
    /* a channel's, or a post's channel's: */
    const char *visibility, *object_type;
    bool member;         /* the viewer is a member (who has not left) */
} RowFacts;

Scope visibility_scope(const Viewer *v, RowKind kind);
/* For a viewer whose scope of kind is SCOPE_OWN: is this row theirs? */
Access visibility_row(const Viewer *v, RowKind kind, const RowFacts *row);

/* Money fields (daily_rate, daily_rate_max, salary_min, salary_max and
 * names like them): whether role may see, send, filter and sort by them. */
bool visibility_sees_money(const char *role);
/* Whether a field (JSON key, query parameter, CSV column) is a money
 * field: any name that starts with "daily_rate", "salary" or "rate_" (a
 * KPI's "rate" of success or "win_rate" is a ratio, not money). */
bool visibility_money_field(const char *name);
/* Whether role may see the field named name: false for money fields of
 * roles that may not see money. */
bool visibility_field(const char *role, const char *name);
/* Clears the money of a person or a need (to -1) when role may not see
 * it, so that code computing from them (the matching engine) cannot use it. */
void visibility_mask_person(const char *role, Person *p);
void visibility_mask_need(const char *role, Need *n);

#endif
