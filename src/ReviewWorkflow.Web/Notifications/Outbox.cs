using ReviewWorkflow.Web.Data;

namespace ReviewWorkflow.Web.Notifications;

/// <summary>Adds messages to the outbox; the caller saves them in its own transaction.</summary>
public static class Outbox
{
    /// <param name="key">Unique for what the message reports (e.g. <c>escalation:{case}:{step}:{level}</c>); becomes the Message-ID.</param>
    public static OutboxMessage Enqueue(ReviewDb db, string key, Guid? caseId, string kind, string recipient, string team,
        string subject, string textBody, string htmlBody, DateTimeOffset now, string? recipientUserId = null)
    {
        var message = new OutboxMessage
        {
            CaseId = caseId, Kind = kind, Recipient = recipient, RecipientUserId = recipientUserId, Team = team,
            Subject = subject, TextBody = textBody, HtmlBody = htmlBody,
            MessageId = $"<{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..32]}@reviewworkflow>",
            CreatedAt = now, NextAttemptAt = now,
        };
        db.Add(message);
        return message;
    }
}
