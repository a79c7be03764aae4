using Microsoft.EntityFrameworkCore.Migrations;

namespace ReviewWorkflow.Web.Data.Migrations;

/// <summary>
/// The hand-written part of the schema, which EF Core cannot generate: the audit trail and the
/// family-information register are append-only in the database itself, not only in our code. A
/// record a coroner may read years later must not be quietly changeable by the application's own
/// login (F5, F9: what a family said, and what was done about it, stays as recorded): actions are
/// never changed or deleted; an item's logged content never changes, and once answered the item is
/// frozen. The initial migration calls <see cref="Create"/> after the tables; a regenerated initial
/// migration must call it again.
/// </summary>
public static class AppendOnlyTriggers
{
    public static void Create(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$;
            CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_events
                FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
            """);
        migrationBuilder.Sql("""
            CREATE FUNCTION family_information_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$;
            CREATE TRIGGER family_information_actions_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON family_information_actions
                FOR EACH STATEMENT EXECUTE FUNCTION family_information_refuse_change();

            CREATE FUNCTION family_information_items_guard() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP <> 'UPDATE' THEN
                    RAISE EXCEPTION 'family_information_items rows are never removed: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
                END IF;
                IF OLD.state = 'Closed' THEN
                    RAISE EXCEPTION 'family information item % is answered and closed: no change allowed', OLD.id USING ERRCODE = 'insufficient_privilege';
                END IF;
                IF (NEW.case_id, NEW.number, NEW.provided_by_name, NEW.provided_by_relationship, NEW.provided_by_contact,
                    NEW.received_at, NEW.how, NEW.summary, NEW.named_persons_json, NEW.due_at, NEW.logged_at, NEW.logged_by_id, NEW.logged_by_name)
                   IS DISTINCT FROM
                   (OLD.case_id, OLD.number, OLD.provided_by_name, OLD.provided_by_relationship, OLD.provided_by_contact,
                    OLD.received_at, OLD.how, OLD.summary, OLD.named_persons_json, OLD.due_at, OLD.logged_at, OLD.logged_by_id, OLD.logged_by_name) THEN
                    RAISE EXCEPTION 'family information item %: what was logged cannot be changed', OLD.id USING ERRCODE = 'insufficient_privilege';
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER family_information_items_guarded BEFORE UPDATE OR DELETE ON family_information_items
                FOR EACH ROW EXECUTE FUNCTION family_information_items_guard();
            CREATE TRIGGER family_information_items_no_truncate BEFORE TRUNCATE ON family_information_items
                FOR EACH STATEMENT EXECUTE FUNCTION family_information_refuse_change();
            """);
    }

    /// <summary>Before the tables go: their triggers go with them, the functions do not.</summary>
    public static void Drop(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""
            DROP TRIGGER family_information_items_no_truncate ON family_information_items;
            DROP TRIGGER family_information_items_guarded ON family_information_items;
            DROP FUNCTION family_information_items_guard();
            DROP TRIGGER family_information_actions_append_only ON family_information_actions;
            DROP FUNCTION family_information_refuse_change();
            DROP TRIGGER audit_events_append_only ON audit_events;
            DROP FUNCTION audit_events_refuse_change();
            """);
}
