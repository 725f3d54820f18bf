/* demo: a believable small firm for `alliance init --demo`: one account per
 * role, clients, needs in every status, about 60 people with skills and
 * candidacies at every stage. Deterministic (fixed seed), written in one
 * transaction through the store. */
#include <stdio.h>
#include <string.h>
#include "../domain/pipeline.h"
#include "../lib/arena.h"
#include "../lib/secret.h"
#include "../store/candidacies.h"
#include "../store/clients.h"
#include "../store/needs.h"
#include "../store/people.h"
#include "../store/users.h"
#include "cli.h"

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

static const char *const CLIENTS[] = {"Banque Horizon", "Mutuelle Atlantique", "TransRail", "Énergie Verte",
                                      "Métropole de Garonne", "Santé Connect"};

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

int demo_create(Db *db) {
    Arena a = {0};
    int rc = -1;
    if (db_begin_write(db) != DB_OK) return -1;
    if (add_users(db, &a)) goto done;
    long long client_ids[sizeof CLIENTS / sizeof CLIENTS[0]];
    for (size_t i = 0; i < sizeof CLIENTS / sizeof CLIENTS[0]; i++) {
        Client c = {.name = CLIENTS[i]};
        if (store_client_insert(db, &c) != STORE_OK) goto done;
        client_ids[i] = c.id;
    }
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
        person_ids[i] = p.id;
        person_stack[i] = stack;
    }
    int stage = 0;
    for (size_t i = 0; i < sizeof NEEDS / sizeof NEEDS[0]; i++) {
        Need n = {.title = NEEDS[i].title, .status = NEEDS[i].status, .location = NEEDS[i].location,
                  .remote = NEEDS[i].remote, .start_date = NEEDS[i].start, .description = NEEDS[i].description,
                  .client_id = client_ids[NEEDS[i].client], .daily_rate_max = NEEDS[i].rate,
                  .duration_days = NEEDS[i].days, .nskills = 4};
        n.skills = arena_alloc(&a, 4 * sizeof *n.skills);
        for (int k = 0; k < 4; k++)
            n.skills[k] = (Requirement){STACKS[NEEDS[i].stack][k], k == 0 ? 4 : 3, 4 - k, k < 2};
        if (store_need_insert(db, &a, &n, -1) != STORE_OK) goto done;
        if (strcmp(n.status, "open") && strcmp(n.status, "staffed")) continue;
        /* people of the matching stack enter the pipeline, across every stage */
        int added = 0;
        for (int p = 0; p < NPEOPLE && added < 5; p++) {
            if (person_stack[p] != NEEDS[i].stack) continue;
            Candidacy c = {.person_id = person_ids[p], .need_id = n.id, .stage = STAGES[stage % 8]};
            if (!strcmp(n.status, "staffed")) c.stage = added ? "rejected" : "hired";
            if (stage_is_exit(c.stage)) c.reason = strcmp(c.stage, "rejected") == 0 ? "Profil trop junior pour le client"
                                                                                  : "A accepté une autre offre";
            stage++;
            if (store_candidacy_insert(db, &a, &c) != STORE_OK) goto done;
            added++;
        }
    }
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
