/* demo: a believable small firm for `alliance init --demo`: one account per
 * role, clients, needs in every status, about 60 people with skills and
 * candidacies at every stage. Deterministic (fixed seed), written in one
 * transaction through the store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../domain/pipeline.h"
#include "../domain/sales.h"
#include "../lib/arena.h"
#include "../lib/secret.h"
#include "../lib/timeutil.h"
#include "../store/alerts.h"
#include "../store/candidacies.h"
#include "../store/clients.h"
#include "../store/channels.h"
#include "../store/deals.h"
#include "../store/needs.h"
#include "../store/people.h"
#include "../store/rituals.h"
#include "../store/surveys.h"
#include "../store/users.h"
#include "cli.h"
#include "demo_history.h"
#include "../privacy/intake.h"

#define DEMO_PASSWORD "alliance-demo"

static unsigned g_seed = 20261124;
static int pick(int n) {
    g_seed = g_seed * 1103515245u + 12345u;
    return (int)((g_seed >> 16) % (unsigned)n);
}

static const struct {
    const char *role, *name;
} ACCOUNTS[] = {
    {"admin", "Alice Admin"},         {"manager", "Marc Lefèvre"}, {"sales", "Sophie Martin"},
    {"recruiter", "Rachid Benali"},   {"tech", "Thomas Nguyen"},   {"consultant", "Camille Durand"},
};

static const struct {
    const char *name, *siren_nic, *sector, *address;
} CLIENTS[] = {
    {"Banque Horizon", "4420183650001", "Banque et assurance", "12 rue de la Bourse, 75002 Paris"},
    {"Mutuelle Atlantique", "7810624390002", "Assurance santé", "4 quai de la Fosse, 44000 Nantes"},
    {"TransRail", "5320917480001", "Transport ferroviaire", "2 place de l'Europe, 69002 Lyon"},
    {"Énergie Verte", "8391056270003", "Énergie", "18 allée Jean Jaurès, 31000 Toulouse"},
    {"Métropole de Garonne", "2033012560001", "Secteur public", "1 esplanade Charles de Gaulle, 33000 Bordeaux"},
    {"Santé Connect", "9120437810001", "Santé numérique", "27 rue du Faubourg Saint-Antoine, 75011 Paris"},
};

static const struct {
    int client;
    const char *name, *role, *email, *phone;
    bool consent;
} CONTACTS[] = {
    {0, "Hélène Marchand", "DSI adjointe", "helene.marchand@banque-horizon.example", "+33 1 42 60 11 20", true},
    {0, "Pierre Vidal", "Acheteur IT", "pierre.vidal@banque-horizon.example", "+33 1 42 60 11 35", false},
    {1, "Nadia Belkacem", "Responsable des études", "nadia.belkacem@mutuelle-atlantique.example", "+33 2 40 12 55 80", true},
    {2, "François Lemaire", "Directeur technique", "francois.lemaire@transrail.example", "+33 4 72 10 44 00", true},
    {3, "Sandrine Aubert", "Cheffe de projet data", "sandrine.aubert@energie-verte.example", "+33 5 61 22 70 14", true},
    {4, "Olivier Masson", "Responsable applications", "olivier.masson@garonne.example", "+33 5 56 99 30 30", false},
    {5, "Dr Léa Perrin", "Directrice produit", "lea.perrin@sante-connect.example", "+33 1 53 27 80 90", true},
};

/* Deals: need is an index in NEEDS (-1 none); verdict of the one review
 * (NULL none); requested: a review is asked for. */
static const struct {
    int client, need;
    const char *title, *stage, *close, *verdict, *lost_reason;
    long long amount;
    int effort;
    bool requested;
} DEALS[] = {
    {0, 0, "Refonte du moteur de paiements", "won", "2026-11-30", "go_with_conditions", NULL, 11700000, 180, false},
    {1, 1, "Espace adhérent", "negotiation", "2026-12-20", "go", NULL, 6720000, 120, false},
    {2, 2, "Migration vers Kubernetes", "won", "2026-11-15", "go", NULL, 16800000, 240, false},
    {3, 3, "Plateforme de données énergie", "proposal", "2027-01-15", NULL, NULL, 9300000, 0, true},
    {5, 5, "Téléconsultation nouvelle génération", "won", "2026-12-05", "go", NULL, 11600000, 200, false},
    {2, 7, "Billetterie mobile", "lost", "2026-08-15", "no_go", "Budget gelé par le client", 3300000, 60, false},
    {0, -1, "Cœur bancaire : encadrement technique", "lead", "2027-03-01", NULL, NULL, 27000000, 0, false},
    {4, 4, "Portail des services métropolitains", "qualified", "2027-02-10", NULL, NULL, 4680000, 0, false},
};

/* A stack is what a profile of one kind typically holds, strongest first. */
static const char *const STACKS[][7] = {
    {"java", "spring-boot", "sql", "postgresql", "docker", "git", "kafka"},
    {"javascript", "typescript", "react", "html", "css", "nodejs", "git"},
    {"typescript", "angular", "javascript", "html", "css", "rest-api", "cypress"},
    {"python", "sql", "pandas", "spark", "airflow", "machine-learning", "databricks"},
    {"docker", "kubernetes", "terraform", "aws", "linux", "ansible", "gitlab-ci"},
    {"csharp", "dotnet", "sql-server", "azure", "rest-api", "git", "scrum"},
    {"php", "symfony", "mysql", "javascript", "docker", "redis", "git"},
    {"kotlin", "android", "java", "rest-api", "git", "figma", "scrum"},
};

static const char *const FIRST[] = {"Awa",    "Lucas", "Inès",   "Hugo",  "Chloé",  "Karim", "Léa",   "Julien",
                                    "Fatou",  "Nathan", "Manon", "Yanis", "Sarah",  "Louis", "Amina", "Théo",
                                    "Zoé",    "Mehdi", "Emma",   "Paul",  "Jade",   "Omar",  "Clara", "Antoine"};
static const char *const LAST[] = {"Diallo",  "Bernard", "Moreau", "Petit",  "Rousseau", "Haddad",  "Girard",
                                   "Fontaine", "Nguyen", "Lambert", "Mercier", "Traoré", "Bonnet",   "Faure",
                                   "Chevalier", "Roux",  "Garnier", "Benali", "Morel",   "Lemoine"};
static const char *const CITIES[] = {"Paris", "Lyon", "Nantes", "Toulouse", "Lille", "Bordeaux"};

static const struct {
    const char *title, *status, *location, *remote, *start;
    int client, stack, rate, days;
    const char *description;
} NEEDS[] = {
    {"Développeur Java senior", "open", "Paris", "partial", "2027-01-05", 0, 0, 650, 180,
     "Refonte du moteur de paiements : API Spring Boot, événements Kafka, PostgreSQL."},
    {"Développeuse front React", "open", "Lyon", "partial", "2027-01-12", 1, 1, 560, 120,
     "Espace adhérent en React et TypeScript, avec l'équipe design."},
    {"Ingénieur DevOps Kubernetes", "open", "Nantes", "full", "2026-12-15", 2, 4, 700, 240,
     "Migration des applications vers Kubernetes sur AWS, infrastructure en Terraform."},
    {"Data engineer Spark", "qualified", "Toulouse", "partial", "2027-02-01", 3, 3, 620, 150,
     "Chaîne de données de consommation énergétique : Spark, Airflow, Databricks."},
    {"Développeur .NET", "draft", "Bordeaux", "none", "2027-03-01", 4, 5, 520, 90,
     "Maintenance évolutive du portail des services de la métropole."},
    {"Développeur Angular", "open", "Paris", "partial", "2027-01-19", 5, 2, 580, 200,
     "Application de téléconsultation : front Angular, tests Cypress."},
    {"Développeur PHP Symfony", "staffed", "Lille", "partial", "2026-10-01", 1, 6, 500, 120,
     "Back-office des contrats, Symfony et MySQL."},
    {"Développeur mobile Android", "closed", "Lyon", "none", "2026-09-01", 2, 7, 550, 60,
     "Application de billetterie mobile (besoin annulé par le client)."},
    {"Tech lead Java", "qualified", "Paris", "partial", "2027-02-15", 0, 0, 750, 365,
     "Encadrer une équipe de six développeurs sur le cœur bancaire."},
    {"Ingénieure cloud Azure", "draft", "Paris", "full", "2027-04-01", 5, 5, 680, 180,
     "Hébergement des données de santé sur Azure, conformité HDS."},
};

static int add_users(Db *db, Arena *a) {
    char hash[128];
    if (secret_password_hash(DEMO_PASSWORD, hash)) return -1;
    for (size_t i = 0; i < sizeof ACCOUNTS / sizeof ACCOUNTS[0]; i++) {
        User u = {.email = arena_printf(a, "%s@demo.alliance.example", ACCOUNTS[i].role), .name = ACCOUNTS[i].name,
                  .role = ACCOUNTS[i].role};
        u.handle = store_user_free_handle(db, a, u.name);
        StoreResult r = store_user_insert(db, &u, hash);
        if (r == STORE_CONFLICT) continue; /* demo already there */
        if (r != STORE_OK) return -1;
    }
    return 0;
}

/* Row-level access (domain/visibility.h): the consultant's account stands
 * for the person hired first (renamed after the account, a consultant now),
 * and a contact of the first client gets an account of role "client". */
static int link_accounts(Db *db, Arena *a, long long hired_person, long long client_id) {
    User u;
    if (store_user_by_email(db, a, "consultant@demo.alliance.example", &u, NULL) != STORE_OK) return -1;
    if (u.person_id < 0 && hired_person > 0) {
        Person p;
        if (store_person_get(db, a, hired_person, &p) != STORE_OK) return -1;
        p.kind = "consultant";
        p.first_name = "Camille";
        p.last_name = "Durand";
        p.email = "camille.durand@demo.alliance.example";
        if (store_person_update(db, a, &p, p.version) != STORE_OK) return -1;
        /* privacy: hired, they are kept for their contract now */
        if (privacy_intake(db, a, &p, "contract", -1, -1, false) != STORE_OK) return -1;
        u.person_id = hired_person;
        if (store_user_update(db, &u, u.version) != STORE_OK) return -1;
    }
    char hash[128];
    if (secret_password_hash(DEMO_PASSWORD, hash)) return -1;
    User c = {.email = "client@demo.alliance.example", .name = "Hélène Marchand", .role = "client",
              .person_id = -1, .client_id = client_id};
    c.handle = store_user_free_handle(db, a, c.name);
    StoreResult r = store_user_insert(db, &c, hash);
    return r == STORE_OK || r == STORE_CONFLICT ? 0 : -1;
}

/* Satisfaction surveys already answered by some contacts (their links are
 * random and thrown away: demo answers are never opened again). */
static int add_answered_survey(Db *db, const Contact *c, int i, long long by) {
    static const struct {
        int score;
        const char *comment;
    } ANSWERS[] = {
        {9, "Équipe réactive, profils conformes au besoin."},
        {7, "Bonne collaboration ; les démarrages pourraient être plus rapides."},
        {10, "Le tech lead a su cadrer le projet dès la première semaine."},
        {6, "Qualité correcte, mais trop d'interlocuteurs différents."},
    };
    if (i >= (int)(sizeof ANSWERS / sizeof ANSWERS[0])) return 0;
    char token[SECRET_TOKEN_LEN], hash[SECRET_HASH_LEN], created[21], expires[21], answered[21];
    secret_token(token);
    secret_token_hash(token, hash);
    time_t t = time(NULL) - (time_t)(40 - 7 * i) * 86400;
    time_iso(t, created);
    time_iso(t + 30 * 86400, expires);
    time_iso(t + 2 * 86400, answered);
    Survey s = {.client_id = c->client_id, .contact_id = c->id, .need_id = -1, .created_at = created,
                .expires_at = expires};
    if (store_survey_insert(db, &s, hash, by) != STORE_OK) return -1;
    return store_survey_answer(db, s.id, ANSWERS[i].score, ANSWERS[i].comment, answered) == STORE_OK ? 0 : -1;
}

/* Two rituals with every demo account that is not a consultant. */
static int add_rituals(Db *db, Arena *a) {
    static const char *const WHO[] = {"manager", "sales", "recruiter", "tech"};
    long long ids[4];
    for (int i = 0; i < 4; i++) {
        User u;
        if (store_user_by_email(db, a, arena_printf(a, "%s@demo.alliance.example", WHO[i]), &u, NULL) != STORE_OK)
            return -1;
        ids[i] = u.id;
    }
    char today[21];
    time_now_iso(today);
    today[10] = '\0';
    Ritual daily = {.name = "Point quotidien staffing", .frequency = "daily", .time = "09:30", .duration_minutes = 15,
                    .weekday = -1, .month_day = -1, .starts_on = today, .channel_id = -1, .created_by = ids[0],
                    .description = "Besoins sans candidat, candidats en attente, incidents : un quart d'heure debout.",
                    .participants = {ids, NULL, 4}};
    Ritual weekly = {.name = "Revue hebdomadaire des affaires", .frequency = "weekly", .time = "14:00",
                     .duration_minutes = 60, .weekday = 1, .month_day = -1, .starts_on = today, .channel_id = -1,
                     .created_by = ids[0],
                     .description = "Affaires en attente de revue de faisabilité et arrivées de la semaine.",
                     .participants = {ids, NULL, 4}};
    return store_ritual_insert(db, a, &daily) == STORE_OK && store_ritual_insert(db, a, &weekly) == STORE_OK ? 0 : -1;
}

/* mail: the candidate's last news dates back 6 to 14 days. */
static int demo_wait(Db *db, long long candidacy_id, int n) {
    char when[21];
    time_iso(time(NULL) - (time_t)(6 + n % 9) * 86400, when);
    return store_candidacy_touch_contact(db, candidacy_id, when, false) == STORE_OK ? 0 : -1;
}

int demo_create(Db *db) {
    Arena a = {0};
    int rc = -1;
    if (db_begin_write(db) != DB_OK) return -1;
    if (add_users(db, &a)) goto done;
    User sales, tech, manager, recruiter;
    if (store_user_by_email(db, &a, "recruiter@demo.alliance.example", &recruiter, NULL) != STORE_OK ||
        store_user_by_email(db, &a, "sales@demo.alliance.example", &sales, NULL) != STORE_OK ||
        store_user_by_email(db, &a, "tech@demo.alliance.example", &tech, NULL) != STORE_OK ||
        store_user_by_email(db, &a, "manager@demo.alliance.example", &manager, NULL) != STORE_OK)
        goto done;
    long long client_ids[sizeof CLIENTS / sizeof CLIENTS[0]];
    for (size_t i = 0; i < sizeof CLIENTS / sizeof CLIENTS[0]; i++) {
        Client c = {.name = CLIENTS[i].name, .sector = CLIENTS[i].sector, .address = CLIENTS[i].address,
                    .owner_id = i % 3 == 2 ? manager.id : sales.id,
                    .siret = arena_printf(&a, "%s%d", CLIENTS[i].siren_nic, siret_check_digit(CLIENTS[i].siren_nic))};
        char *key = client_name_key(c.name);
        StoreResult r = store_client_insert(db, &a, &c, key);
        free(key);
        if (r != STORE_OK) goto done;
        client_ids[i] = c.id;
    }
    long long asked[sizeof CONTACTS / sizeof CONTACTS[0]], asked_client[sizeof CONTACTS / sizeof CONTACTS[0]];
    int nasked = 0; /* contacts who agreed to be asked: the history's surveys */
    for (size_t i = 0; i < sizeof CONTACTS / sizeof CONTACTS[0]; i++) {
        Contact c = {.client_id = client_ids[CONTACTS[i].client], .name = CONTACTS[i].name, .role = CONTACTS[i].role,
                     .email = CONTACTS[i].email, .phone = CONTACTS[i].phone, .consent = CONTACTS[i].consent};
        if (store_contact_insert(db, &a, &c) != STORE_OK) goto done;
        if (c.consent && add_answered_survey(db, &c, (int)i, sales.id)) goto done; /* asked only with consent */
        if (c.consent) {
            asked[nasked] = c.id;
            asked_client[nasked++] = c.client_id;
        }
    }
    long long need_ids[sizeof NEEDS / sizeof NEEDS[0]];
    enum { NPEOPLE = 60 };
    long long person_ids[NPEOPLE];
    int person_stack[NPEOPLE];
    for (int i = 0; i < NPEOPLE; i++) {
        int stack = i % 8;
        Person p = {.kind = i % 3 == 0 ? "consultant" : "candidate",
                    .first_name = FIRST[pick(24)],
                    .last_name = LAST[pick(20)],
                    .location = CITIES[pick(6)],
                    .daily_rate = 400 + 10 * pick(35)};
        p.email = arena_printf(&a, "%s.%s.%d@example.org", p.first_name, p.last_name, i);
        for (char *c = (char *)p.email; *c; c++)
            if (*c >= 'A' && *c <= 'Z') *c = (char)(*c - 'A' + 'a');
        p.phone = arena_printf(&a, "+33 6 %02d %02d %02d %02d", pick(100), pick(100), pick(100), pick(100));
        p.available_from = arena_printf(&a, "2026-%02d-%02d", 11 + pick(2), 1 + pick(28));
        p.nskills = 3 + pick(5);
        p.skills = arena_alloc(&a, (size_t)p.nskills * sizeof *p.skills);
        int top = 3 + pick(3);
        for (int k = 0; k < p.nskills; k++) {
            int level = top - k / 2 - pick(2);
            p.skills[k] = (PersonSkill){STACKS[stack][k], level < 1 ? 1 : level > 5 ? 5 : level, 1 + pick(10)};
        }
        if (store_person_insert(db, &a, &p) != STORE_OK) goto done;
        /* privacy: sourced by the recruiter; half the candidates joined the talent pool */
        if (privacy_intake(db, &a, &p, "recruiter", -1, -1, i % 2 == 1 && i % 3 != 0) != STORE_OK) goto done;
        person_ids[i] = p.id;
        person_stack[i] = stack;
    }
    int stage = 0;
    long long hired_person = -1; /* the consultant's account stands for them */
    for (size_t i = 0; i < sizeof NEEDS / sizeof NEEDS[0]; i++) {
        Need n = {.title = NEEDS[i].title, .status = NEEDS[i].status, .location = NEEDS[i].location,
                  .remote = NEEDS[i].remote, .start_date = NEEDS[i].start, .description = NEEDS[i].description,
                  .client_id = client_ids[NEEDS[i].client], .daily_rate_max = NEEDS[i].rate,
                  .duration_days = NEEDS[i].days, .nskills = 4, .salary_min = -1, .salary_max = -1};
        /* careers page: the first three open needs are published, one with a salary band */
        n.published = i < 3 && strcmp(n.status, "open") == 0;
        if (i == 1) n.salary_min = 45000, n.salary_max = 55000;
        n.skills = arena_alloc(&a, 4 * sizeof *n.skills);
        for (int k = 0; k < 4; k++)
            n.skills[k] = (Requirement){STACKS[NEEDS[i].stack][k], k == 0 ? 4 : 3, 4 - k, k < 2};
        if (store_need_insert(db, &a, &n, -1) != STORE_OK) goto done;
        need_ids[i] = n.id;
        if (strcmp(n.status, "open") && strcmp(n.status, "staffed")) continue;
        /* people of the matching stack enter the pipeline, across every stage */
        int added = 0;
        for (int p = 0; p < NPEOPLE && added < 5; p++) {
            if (person_stack[p] != NEEDS[i].stack) continue;
            Candidacy c = {.person_id = person_ids[p], .need_id = n.id, .stage = STAGES[stage % 8],
                           .owner_id = recruiter.id};
            if (!strcmp(n.status, "staffed")) c.stage = added ? "rejected" : "hired";
            if (stage_is_exit(c.stage)) c.reason = strcmp(c.stage, "rejected") == 0 ? "Profil trop junior pour le client"
                                                                                  : "A accepté une autre offre";
            stage++;
            if (store_candidacy_insert(db, &a, &c) != STORE_OK) goto done;
            if (hired_person < 0 && strcmp(c.stage, "hired") == 0) hired_person = c.person_id;
            /* mail: some candidates have waited too long (the alerts page) */
            if (stage % 3 == 0 && demo_wait(db, c.id, stage)) goto done;
            added++;
        }
    }
    for (size_t i = 0; i < sizeof DEALS / sizeof DEALS[0]; i++) {
        Deal d = {.client_id = client_ids[DEALS[i].client], .title = DEALS[i].title, .amount = DEALS[i].amount,
                  .expected_close = DEALS[i].close, .owner_id = DEALS[i].client % 3 == 2 ? manager.id : sales.id,
                  .stage = DEALS[i].stage, .lost_reason = DEALS[i].lost_reason,
                  .review_requested = DEALS[i].requested};
        if (DEALS[i].need >= 0) {
            d.need_ids = &need_ids[DEALS[i].need];
            d.nneeds = 1;
        }
        if (store_deal_insert(db, &a, &d) != STORE_OK) goto done;
        if (!DEALS[i].verdict) continue;
        Review r = {.deal_id = d.id, .verdict = DEALS[i].verdict, .effort_days = DEALS[i].effort,
                    .reviewer_id = tech.id,
                    .risks = "Montée en charge à valider ; dépendance à l'équipe d'architecture du client.",
                    .conditions = strcmp(DEALS[i].verdict, "go_with_conditions") == 0
                                      ? "Un tech lead senior dès le premier jour ; recette de performance incluse."
                                      : NULL};
        if (store_review_insert(db, &a, &r) != STORE_OK) goto done;
    }
    /* team rituals: the daily delivery point and the weekly staffing review */
    if (add_rituals(db, &a)) goto done;
    /* channels: every client, need, deal and ritual has its own */
    if (store_channels_for_objects(db, &a) != STORE_OK || store_rituals_own_channels(db, &a) != STORE_OK) goto done;
    /* a year of past events for the KPI dashboard (demo_history.c), made
     * after today's objects so that their ids stay those tests know */
    bool consultant[NPEOPLE];
    for (int i = 0; i < NPEOPLE; i++) consultant[i] = i % 3 == 0;
    DemoRefs history = {.clients = client_ids, .nclients = (int)(sizeof CLIENTS / sizeof CLIENTS[0]),
                        .people = person_ids, .stacks = person_stack, .consultant = consultant, .npeople = NPEOPLE,
                        .skills = STACKS, .nstacks = 8, .contacts = asked, .contact_clients = asked_client,
                        .ncontacts = nasked, .sales = sales.id, .tech = tech.id, .recruiter = recruiter.id,
                        .manager = manager.id};
    if (demo_history_present(db, &a, &history) || demo_history_past(db, &a, &history)) goto done;
    if (link_accounts(db, &a, hired_person, client_ids[0])) goto done;
    rc = 0;
done:
    db_reset_all(db);
    if (rc == 0 && db_commit(db) != DB_OK) rc = -1;
    if (rc) {
        db_rollback(db);
        fprintf(stderr, "alliance: demo data failed: %s\n", db_errmsg(db));
    }
    arena_free(&a);
    return rc;
}
