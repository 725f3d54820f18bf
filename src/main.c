/* main: the command line. Parses the subcommand and hands over to
 * src/cli/; the only place that calls exit codes into being. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "lib/cv_sandbox.h"
#include "version.h"

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    {"serve", cli_serve},
    {"init", cli_init},
    {"user", cli_user},
    {"token", cli_token},
    {"migrate", cli_migrate},
    /* backups (SQLite) */
    {"backup", cli_backup},
    {"restore", cli_restore},
    /* mail */
    {"digest", cli_digest},
    /* matching engine */
    {"match", cli_match},
    {"eval-match", cli_eval_match},
    {"kpis", cli_kpis}, /* KPIs: rebuild their rows from the event log */
    {"skills-find", cli_skills_find},
    {"purge", cli_purge}, /* privacy: retention ended */
};

int main(int argc, char **argv) {
    if (argc < 2) {
        cli_usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        cli_usage(stdout);
        return 0;
    }
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        printf("alliance %s\n", ALLIANCE_VERSION);
        return 0;
    }
    /* internal: the limited child that reads one CV (lib/cv_sandbox.h) */
    if (strcmp(cmd, "cv-extract") == 0) return cv_extract_child();
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, cmd) == 0) return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "alliance: unknown command '%s'\n", cmd);
    cli_usage(stderr);
    return 2;
}
