using Microsoft.EntityFrameworkCore.Migrations;

namespace ReviewWorkflow.Web.Data.Migrations;

/// <summary>
/// What the CaseworkSearch migration adds by hand: the indexes of the search (Search/) — trigram and
/// full-text, which EF's model does not describe — and the constraint that keeps one officer's
/// handovers from overlapping even when two are asked for at once. A regenerated migration must call
/// <see cref="Create"/> last and <see cref="Drop"/> first.
/// </summary>
public static class CaseworkSearchSql
{
    public static void Create(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
        // Names as linkage folds them, found again when misspelt.
        migrationBuilder.Sql("CREATE INDEX ix_linkage_identifiers_value_trgm ON linkage_identifiers USING gin (value gin_trgm_ops) WHERE kind IN ('name', 'person-mention', 'mention');");
        // Addresses and place names: by word, and by trigram for a misspelt street.
        migrationBuilder.Sql("CREATE INDEX ix_cases_place_fts ON cases USING gin (to_tsvector('simple', location_description));");
        migrationBuilder.Sql("CREATE INDEX ix_cases_place_trgm ON cases USING gin (lower(location_description) gin_trgm_ops);");
        migrationBuilder.Sql("CREATE INDEX ix_cases_substance_families ON cases USING gin (substance_families);");
        // Directions given before this migration escalate from their deadlines too.
        migrationBuilder.Sql("""
            INSERT INTO direction_deadlines (note_id, case_id, due_at, next_escalation_at)
            SELECT n.id, n.case_id, n.due_at, n.due_at FROM case_notes AS n
            WHERE n.kind = 'Direction' AND NOT EXISTS (SELECT 1 FROM direction_responses AS r WHERE r.note_id = n.id);
            """);
        migrationBuilder.Sql("ALTER TABLE handovers ADD CONSTRAINT ex_handovers_period EXCLUDE USING gist (from_id WITH =, tstzrange(starts_at, ends_at) WITH &&);");
    }

    public static void Drop(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("ALTER TABLE handovers DROP CONSTRAINT ex_handovers_period;");
        migrationBuilder.Sql("DROP INDEX ix_cases_substance_families;");
        migrationBuilder.Sql("DROP INDEX ix_cases_place_trgm;");
        migrationBuilder.Sql("DROP INDEX ix_cases_place_fts;");
        migrationBuilder.Sql("DROP INDEX ix_linkage_identifiers_value_trgm;");
    }
}
