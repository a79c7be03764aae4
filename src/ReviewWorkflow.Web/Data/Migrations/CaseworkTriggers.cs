using Microsoft.EntityFrameworkCore.Migrations;

namespace ReviewWorkflow.Web.Data.Migrations;

/// <summary>
/// The case log, documents and exhibits are append-only in the database itself, as the audit trail
/// is (<see cref="AppendOnlyTriggers"/>): what was written, filed or moved stays as recorded; a
/// document is superseded by a new version, never replaced. The initial migration calls
/// <see cref="Create"/> after the tables; a regenerated migration must call it again.
/// </summary>
public static class CaseworkTriggers
{
    public static readonly string[] Tables = ["case_notes", "direction_responses", "case_documents", "exhibits", "exhibit_movements"];

    public static void Create(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE FUNCTION casework_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$;
            """);
        foreach (var table in Tables)
            migrationBuilder.Sql($"""
                CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON {table}
                    FOR EACH STATEMENT EXECUTE FUNCTION casework_refuse_change();
                """);
    }

    /// <summary>Before the tables go: their triggers go with them, the function does not.</summary>
    public static void Drop(MigrationBuilder migrationBuilder)
    {
        foreach (var table in Tables) migrationBuilder.Sql($"DROP TRIGGER {table}_append_only ON {table};");
        migrationBuilder.Sql("DROP FUNCTION casework_refuse_change();");
    }
}
