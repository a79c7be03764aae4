using Microsoft.Extensions.Options;
using MimeKit;
using ReviewWorkflow.Web.Infrastructure;

namespace ReviewWorkflow.Web.Notifications;

/// <summary>What one delivery run did.</summary>
public sealed record DeliveryReport(int Sent, int Postponed, int Failed);

/// <summary>
/// Sends pending outbox mail over one SMTP connection. Each message is claimed with
/// <c>FOR UPDATE SKIP LOCKED</c> in its own short transaction and marked sent as soon as the
/// server accepts it, so two instances never send the same message, and a crash resends at most
/// the one message whose acceptance had not yet been committed. 4xx replies and an unreachable
/// server postpone the message with a growing delay until <see cref="EmailOptions.RetryFor"/>
/// has passed; a 5xx reply fails it at once, for an administrator to see. Once a message has
/// been accepted in a run, the server is evidently back: the messages backed off before it are
/// tried in the same run (each once), rather than each waiting out its own delay of up to 30 min.
/// </summary>
public sealed class OutboxDelivery(ReviewDb db, RecipientResolver recipients, IOptions<EmailOptions> email,
    TimeProvider clock, ILogger<OutboxDelivery> logger)
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(30);

    public async Task<DeliveryReport> RunAsync(CancellationToken ct = default)
    {
        var options = email.Value;
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            logger.LogWarning("Email:Host is not configured: outbox mail waits until it is");
            return new DeliveryReport(0, 0, 0);
        }
        int sent = 0, postponed = 0, failed = 0;
        await using var smtp = new SmtpTransport(options);
        // Resolved once per run: a run lasts seconds, and the team's supervisors are asked once, not per message.
        var resolved = new Dictionary<(string, string?, string, Guid?, string?), Recipients>();
        // One database connection for the run too. Losing a commit of this session to a database
        // crash (not an app crash) would resend that message, never lose it; waiting for the disk
        // on every message would cap delivery at the disk's flush rate. Set per transaction (LOCAL):
        // pooled connections are not reset (DatabaseSetup), so no setting may outlive its transaction.
        await db.Database.OpenConnectionAsync(ct);
        var tried = new List<long>();
        for (var i = 0; i < Math.Max(1, options.BatchSize); i++)
        {
            var now = clock.GetUtcNow();
            var serverBack = sent > 0;
            var triedIds = tried.ToArray();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("SET LOCAL synchronous_commit = off", ct);
            var message = (await db.Outbox.FromSql($"""
                SELECT * FROM outbox_messages
                WHERE state = 'Pending' AND (next_attempt_at <= {now} OR ({serverBack} AND attempts > 0))
                  AND id <> ALL({triedIds})
                ORDER BY next_attempt_at, id
                LIMIT 1
                FOR UPDATE SKIP LOCKED
                """).ToListAsync(ct)).SingleOrDefault();
            if (message is null) break;
            tried.Add(message.Id);

            var key = (message.Recipient, message.RecipientUserId, message.Team, message.CaseId, message.StepKey);
            if (!resolved.TryGetValue(key, out var to)) resolved[key] = to = await recipients.ResolveAsync(message, ct);
            var (outcome, error) = (SendOutcome.Permanent, to.Problem);
            if (to.Addresses.Count > 0)
            {
                (outcome, error) = await smtp.SendAsync(ToMime(message, to.Addresses, options), ct);
            }
            message.Attempts++;
            message.LastError = error;
            switch (outcome)
            {
                case SendOutcome.Accepted:
                    message.State = OutboxState.Sent;
                    message.SentAt = clock.GetUtcNow();
                    message.SentTo = string.Join(", ", to.Addresses.Select(a => a.Address));
                    message.NextAttemptAt = null;
                    sent++;
                    break;
                case SendOutcome.Permanent:
                    Fail(message, error);
                    failed++;
                    break;
                default:
                    if (now - message.CreatedAt >= options.RetryFor)
                    {
                        Fail(message, $"gave up after {options.RetryFor}: {error}");
                        failed++;
                    }
                    else
                    {
                        message.NextAttemptAt = now + Backoff(message.Attempts);
                        postponed++;
                    }
                    break;
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            if (outcome == SendOutcome.Unreachable)
            {
                logger.LogWarning("SMTP server unreachable, delivery postponed: {Error}", error);
                break;
            }
        }
        await db.Database.CloseConnectionAsync();
        if (sent + postponed + failed > 0)
            logger.LogInformation("Outbox delivery: {Sent} sent, {Postponed} postponed, {Failed} failed", sent, postponed, failed);
        return new DeliveryReport(sent, postponed, failed);
    }

    private void Fail(OutboxMessage message, string? error)
    {
        message.State = OutboxState.Failed;
        message.LastError = error;
        message.NextAttemptAt = null;
        logger.LogError("Outbox message {MessageId} ({Subject}) failed: {Error}", message.MessageId, message.Subject, error);
    }

    /// <summary>30 s, 1 min, 2 min … at most 30 min between attempts.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, FirstRetry.Ticks << Math.Min(attempts - 1, 20)));

    private static MimeMessage ToMime(OutboxMessage m, IReadOnlyList<MailboxAddress> to, EmailOptions options)
    {
        var mime = new MimeMessage
        {
            MessageId = m.MessageId,
            Subject = m.Subject,
            Date = m.CreatedAt,
            Body = new BodyBuilder { TextBody = m.TextBody, HtmlBody = m.HtmlBody }.ToMessageBody(),
        };
        mime.From.Add(MailboxAddress.Parse(options.From));
        mime.To.AddRange(to);
        // Tells mail systems not to auto-reply (out-of-office) to a machine.
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        mime.Headers.Add("X-ReviewWorkflow-Kind", m.Kind);
        return mime;
    }
}
