namespace ReviewWorkflow.Web.Notifications;

/// <summary>
/// An email waiting to be sent (or sent, or failed). Written in the same transaction as the thing
/// it reports, so nothing is lost if the mail server is down; recipients are resolved from the
/// case's team when it is sent, so a change of supervisor is respected.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; init; }
    public Guid? CaseId { get; init; }
    /// <summary>What produced it: <c>escalation</c>, <c>linkage</c>, <c>referral</c>…</summary>
    public required string Kind { get; init; }
    /// <summary>Who receives it: <c>assignee</c> (of <see cref="StepKey"/>), <c>officer</c>, <c>supervisor</c>, <c>inspector</c>, or <c>user</c> with <see cref="RecipientUserId"/>.</summary>
    public required string Recipient { get; init; }
    public string? RecipientUserId { get; init; }
    public string? StepKey { get; init; }
    public required string Team { get; init; }
    public required string Subject { get; init; }
    public required string TextBody { get; init; }
    public required string HtmlBody { get; init; }
    /// <summary>Deterministic (no angle brackets), so a message sent twice is recognisable as the same message.</summary>
    public required string MessageId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public OutboxState State { get; set; } = OutboxState.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>The addresses the recipient resolved to when it was sent: the record of who was told.</summary>
    public string? SentTo { get; set; }
    public string? LastError { get; set; }
}

public enum OutboxState { Pending, Sent, Failed }
