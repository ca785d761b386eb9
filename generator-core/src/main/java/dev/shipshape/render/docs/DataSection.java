package dev.shipshape.render.docs;

import java.util.List;

/**
 * The runbook's data section: every database with its backups and restore procedure, and the
 * stateful data that has no backup.
 *
 * @param databases   one entry per PostgreSQL component, by name
 * @param notBackedUp sentences naming stateful data without backups (Prometheus TSDBs)
 */
record DataSection(List<DatabaseSection> databases, List<String> notBackedUp) {

    /** True when the application has no database. */
    boolean noDatabases() {
        return databases.isEmpty();
    }

    /** True when some stateful data has no backup. */
    boolean hasNotBackedUp() {
        return !notBackedUp.isEmpty();
    }
}
