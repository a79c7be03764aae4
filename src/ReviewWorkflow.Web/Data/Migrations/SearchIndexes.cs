using Microsoft.EntityFrameworkCore.Migrations;

namespace ReviewWorkflow.Web.Data.Migrations;

/// <summary>
/// The indexes and the constraint EF's model does not describe: trigram and full-text indexes of the
/// search (Search/), the normalised-address index of the previous-incidents check (Linkage/), and the
/// constraint that keeps one officer's handovers from overlapping even when two are asked for at once.
/// The initial migration calls <see cref="Create"/> after the tables and <see cref="Drop"/> before them.
/// </summary>
public static class SearchIndexes
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
        // v2's previous-incidents check matches addresses on this normalised text (Linkage/PreviousIncidents.Normalise).
        migrationBuilder.Sql("CREATE INDEX ix_cases_address ON cases ((btrim(regexp_replace(lower(location_description), '[^a-z0-9]+', ' ', 'g'))));");
        migrationBuilder.Sql("ALTER TABLE handovers ADD CONSTRAINT ex_handovers_period EXCLUDE USING gist (from_id WITH =, tstzrange(starts_at, ends_at) WITH &&);");
    }

    public static void Drop(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("ALTER TABLE handovers DROP CONSTRAINT ex_handovers_period;");
        migrationBuilder.Sql("DROP INDEX ix_cases_address;");
        migrationBuilder.Sql("DROP INDEX ix_cases_substance_families;");
        migrationBuilder.Sql("DROP INDEX ix_cases_place_trgm;");
        migrationBuilder.Sql("DROP INDEX ix_cases_place_fts;");
        migrationBuilder.Sql("DROP INDEX ix_linkage_identifiers_value_trgm;");
    }
}
