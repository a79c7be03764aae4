namespace ReviewWorkflow.Web.Notifications;

/// <summary>Adds messages to the outbox; the caller saves them in its own transaction.</summary>
public static class Outbox
{
    /// <param name="key">Unique for what the message reports (e.g. <c>escalation:{case}:{step}::{level}:{deadline}</c>); becomes the
    /// Message-ID, and a second message with the same key is refused by the database (unique index).</param>
    /// <param name="recipient">Resolved when the message is sent, from the case's team as it is then: <c>assignee</c>
    /// (of <paramref name="stepKey"/>), <c>officer</c> (the case's), <c>supervisor</c>, <c>inspector</c>, or <c>user</c>
    /// with <paramref name="recipientUserId"/>.</param>
    /// <remarks>Bodies must carry a case reference and a link, never the name of the deceased or of family.</remarks>
    public static OutboxMessage Enqueue(ReviewDb db, string key, Guid? caseId, string kind, string recipient, string team,
        string subject, string textBody, string htmlBody, DateTimeOffset now, string? recipientUserId = null, string? stepKey = null)
    {
        var message = Create(key, caseId, kind, recipient, team, subject, textBody, htmlBody, now, recipientUserId, stepKey);
        db.Add(message);
        return message;
    }

    /// <summary>The message <see cref="Enqueue"/> adds, for a caller that writes many at once (the sweep copies them in bulk).</summary>
    public static OutboxMessage Create(string key, Guid? caseId, string kind, string recipient, string team,
        string subject, string textBody, string htmlBody, DateTimeOffset now, string? recipientUserId = null, string? stepKey = null) =>
        new()
        {
            CaseId = caseId, Kind = kind, Recipient = recipient, RecipientUserId = recipientUserId, StepKey = stepKey, Team = team,
            Subject = subject, TextBody = textBody, HtmlBody = htmlBody,
            MessageId = MessageIdFor(key),
            CreatedAt = now, NextAttemptAt = now,
        };

    /// <summary>The Message-ID for a key, without angle brackets: <c>{32 hex}@reviewworkflow</c>.</summary>
    public static string MessageIdFor(string key) =>
        $"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..32]}@reviewworkflow";
}
