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

        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY outbox_messages (case_id, kind, recipient, recipient_user_id, step_key, team, subject, text_body, html_body,
                                  message_id, created_at, state, attempts, next_attempt_at) FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            foreach (var m in messages)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(m.CaseId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(m.Kind, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(m.Recipient, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(m.RecipientUserId, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(m.StepKey, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(m.Team, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(m.Subject, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(m.TextBody, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(m.HtmlBody, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(m.MessageId, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(m.CreatedAt, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(m.State.ToString(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(m.Attempts, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(m.NextAttemptAt, NpgsqlDbType.TimestampTz, ct);
            }
            await copy.CompleteAsync(ct);
        }

        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY escalations (case_id, step_key, item_id, level, notify, due_at, recorded_at, message_id) FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            foreach (var e in escalations)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(e.CaseId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(e.StepKey, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(e.ItemId, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(e.Level, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(e.Notify, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(e.DueAt, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(e.RecordedAt, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(e.MessageId, NpgsqlDbType.Varchar, ct);
            }
            await copy.CompleteAsync(ct);
        }
    }
}
