using Npgsql;
using NpgsqlTypes;
using ReviewWorkflow.Web.Notifications;

namespace ReviewWorkflow.Web.Escalation;

/// <summary>
/// Writes a sweep batch's escalations and their emails with COPY, inside the caller's transaction.
/// Row by row through the change tracker, a backlog of 10,000 overdue steps took several seconds;
/// COPY keeps the sweep's cost in the database's hands. The unique indexes still guard each level.
/// </summary>
public static class EscalationRows
{
    public static async Task CopyAsync(ReviewDb db, IReadOnlyList<OutboxMessage> messages, IReadOnlyList<EscalationRecord> escalations, CancellationToken ct)
    {
        if (messages.Count == 0 && escalations.Count == 0) return;
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Escalations are written in the sweep batch's transaction.");
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await Messages.WriteAsync(connection, messages, ct);
        await Escalations.WriteAsync(connection, escalations, ct);
    }

    private static readonly CopyTable<OutboxMessage> Messages = new CopyTable<OutboxMessage>("outbox_messages")
        .Column("case_id", NpgsqlDbType.Uuid, m => m.CaseId)
        .Column("kind", NpgsqlDbType.Varchar, m => m.Kind)
        .Column("recipient", NpgsqlDbType.Varchar, m => m.Recipient)
        .Column("recipient_user_id", NpgsqlDbType.Text, m => m.RecipientUserId)
        .Column("step_key", NpgsqlDbType.Varchar, m => m.StepKey)
        .Column("team", NpgsqlDbType.Varchar, m => m.Team)
        .Column("subject", NpgsqlDbType.Varchar, m => m.Subject)
        .Column("text_body", NpgsqlDbType.Text, m => m.TextBody)
        .Column("html_body", NpgsqlDbType.Text, m => m.HtmlBody)
        .Column("message_id", NpgsqlDbType.Varchar, m => m.MessageId)
        .Column("created_at", NpgsqlDbType.TimestampTz, m => m.CreatedAt)
        .Column("state", NpgsqlDbType.Varchar, m => m.State.ToString())
        .Column("attempts", NpgsqlDbType.Integer, m => m.Attempts)
        .Column("next_attempt_at", NpgsqlDbType.TimestampTz, m => m.NextAttemptAt);

    private static readonly CopyTable<EscalationRecord> Escalations = new CopyTable<EscalationRecord>("escalations")
        .Column("case_id", NpgsqlDbType.Uuid, e => e.CaseId)
        .Column("step_key", NpgsqlDbType.Varchar, e => e.StepKey)
        .Column("item_id", NpgsqlDbType.Bigint, e => e.ItemId)
        .Column("level", NpgsqlDbType.Integer, e => e.Level)
        .Column("notify", NpgsqlDbType.Varchar, e => e.Notify)
        .Column("due_at", NpgsqlDbType.TimestampTz, e => e.DueAt)
        .Column("recorded_at", NpgsqlDbType.TimestampTz, e => e.RecordedAt)
        .Column("message_id", NpgsqlDbType.Varchar, e => e.MessageId);
}
