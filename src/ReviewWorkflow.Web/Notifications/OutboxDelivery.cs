using Microsoft.Extensions.Options;
using MimeKit;
using ReviewWorkflow.Web.Escalation;
using ReviewWorkflow.Web.Infrastructure;

namespace ReviewWorkflow.Web.Notifications;

/// <summary>What one delivery run did, counted in outbox messages (an email may carry several escalations).</summary>
public sealed record DeliveryReport(int Sent, int Postponed, int Failed);

/// <summary>
/// Sends pending outbox mail over one SMTP connection. Each message is claimed with
/// <c>FOR UPDATE SKIP LOCKED</c> in its own short transaction and marked sent as soon as the
/// server accepts it, so two instances never send the same message, and a crash resends at most
/// the one email whose acceptance had not yet been committed. Escalations a sweep recorded for the
/// same people go as one email listing them all (<see cref="EscalationEmail.Digest"/>): each stays
/// its own outbox message, claimed, marked sent, retried or failed together with the others of its
/// email, so the sweep's once-per-level record is untouched. 4xx replies and an unreachable
/// server postpone the message with a growing delay until <see cref="EmailOptions.RetryFor"/>
/// has passed; a 5xx reply fails it at once, for an administrator to see. Once a message has
/// been accepted in a run, the server is evidently back: the messages backed off before it are
/// tried in the same run (each once), rather than each waiting out its own delay of up to 30 min.
/// </summary>
public sealed class OutboxDelivery(ReviewDb db, RecipientResolver recipients, IOptions<EmailOptions> email,
    TimeProvider clock, IConfiguration configuration, ILogger<OutboxDelivery> logger)
{
    /// <summary>How many of a sweep's pending escalation messages are looked at to gather one recipient's.</summary>
    private const int GatherScan = 1000;
    /// <summary>An email lists at most this many items; a recipient with more gets several.</summary>
    public const int MostItemsPerEmail = 200;

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
        var resolved = new Dictionary<string, Recipients>();
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

            var to = await ResolveAsync(message, resolved, ct);
            var (outcome, error) = (SendOutcome.Permanent, to.Problem);
            var email = new List<OutboxMessage> { message };
            MimeMessage? mime = null;
            if (to.Addresses.Count > 0)
            {
                if (message.Kind == "escalation") (email, mime) = await GatherAsync(message, to, tried, resolved, options, ct);
                tried.AddRange(email.Skip(1).Select(m => m.Id));
                (outcome, error) = await smtp.SendAsync(mime ?? ToMime(message, to.Addresses, options), ct);
            }
            foreach (var m in email)
            {
                m.Attempts++;
                m.LastError = error;
                switch (outcome)
                {
                    case SendOutcome.Accepted:
                        m.State = OutboxState.Sent;
                        m.SentAt = clock.GetUtcNow();
                        m.SentTo = string.Join(", ", to.Addresses.Select(a => a.Address));
                        m.NextAttemptAt = null;
                        sent++;
                        break;
                    case SendOutcome.Permanent:
                        Fail(m, error);
                        failed++;
                        break;
                    default:
                        if (now - m.CreatedAt >= options.RetryFor)
                        {
                            Fail(m, $"gave up after {options.RetryFor}: {error}");
                            failed++;
                        }
                        else
                        {
                            m.NextAttemptAt = now + Backoff(m.Attempts);
                            postponed++;
                        }
                        break;
                }
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

    private async Task<Recipients> ResolveAsync(OutboxMessage m, Dictionary<string, Recipients> resolved, CancellationToken ct)
    {
        var key = RecipientResolver.SameAddressesKey(m);
        if (!resolved.TryGetValue(key, out var to)) resolved[key] = to = await recipients.ResolveAsync(m, ct);
        return to;
    }

    /// <summary>
    /// The other escalations of the lead's sweep (same creation time) that go to exactly the same
    /// addresses, locked in the lead's transaction, and the one email that lists them all; just the
    /// lead (and no email) when there are none. Another instance's locked messages are skipped, so
    /// they go in that instance's email instead. Messages with no escalation row behind them are
    /// sent on their own.
    /// </summary>
    private async Task<(List<OutboxMessage>, MimeMessage?)> GatherAsync(OutboxMessage lead, Recipients to, List<long> tried,
        Dictionary<string, Recipients> resolved, EmailOptions options, CancellationToken ct)
    {
        if (lead.CaseId is null) return ([lead], null); // an escalation is always about a case: nothing to gather with
        var triedIds = tried.ToArray();
        var candidates = await db.Outbox.FromSql($"""
            SELECT * FROM outbox_messages
            WHERE state = 'Pending' AND kind = 'escalation' AND created_at = {lead.CreatedAt} AND id <> ALL({triedIds})
            ORDER BY id
            LIMIT {GatherScan}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct);
        var same = new List<OutboxMessage> { lead };
        foreach (var m in candidates)
        {
            if (same.Count == MostItemsPerEmail) break;
            var theirs = await ResolveAsync(m, resolved, ct);
            if (theirs.Addresses.Select(a => a.Address.ToLowerInvariant()).SequenceEqual(to.Addresses.Select(a => a.Address.ToLowerInvariant())))
                same.Add(m);
        }
        if (same.Count == 1) return (same, null);

        var ids = same.Select(m => m.MessageId).ToList();
        var caseIds = same.Select(m => m.CaseId).Distinct().ToList();
        var rows = await db.Escalations.AsNoTracking()
            .Where(e => caseIds.Contains(e.CaseId) && ids.Contains(e.MessageId))
            .Join(db.Cases, e => e.CaseId, c => c.Id, (e, c) => new { e.MessageId, c.Reference, e.CaseId, e.Level, e.Notify, e.DueAt, e.RecordedAt })
            .ToDictionaryAsync(r => r.MessageId, ct);
        if (!rows.ContainsKey(lead.MessageId)) return ([lead], null);
        same = same.Where(m => rows.ContainsKey(m.MessageId)).ToList();
        if (same.Count == 1) return (same, null);

        var items = same.Select(m => (m, r: rows[m.MessageId]))
            .Select(x => new EscalationEmail.Item(x.r.Reference, x.r.CaseId, EscalationEmail.WhatOf(x.m.Subject, x.r.Reference, x.r.Level),
                x.r.Level, x.r.Notify, x.r.DueAt, x.r.RecordedAt))
            .OrderBy(i => i.Reference, StringComparer.Ordinal).ThenBy(i => i.DueAt).ThenBy(i => i.What, StringComparer.Ordinal).ToList();
        var content = EscalationEmail.Digest(items, EscalationSweep.BaseUrl(configuration));
        var mime = Mime(Outbox.MessageIdFor("digest:" + string.Join(",", ids.Order(StringComparer.Ordinal))), content.Subject,
            content.Text, content.Html, lead.CreatedAt, "escalation", to.Addresses, options);
        // Which outbox messages this email carries: the record of each level's delivery, readable from the mail itself.
        mime.Headers.Add("X-ReviewWorkflow-Items", string.Join(" ", ids));
        return (same, mime);
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

    private static MimeMessage ToMime(OutboxMessage m, IReadOnlyList<MailboxAddress> to, EmailOptions options) =>
        Mime(m.MessageId, m.Subject, m.TextBody, m.HtmlBody, m.CreatedAt, m.Kind, to, options);

    private static MimeMessage Mime(string messageId, string subject, string text, string html, DateTimeOffset date, string kind,
        IReadOnlyList<MailboxAddress> to, EmailOptions options)
    {
        var mime = new MimeMessage
        {
            MessageId = messageId,
            Subject = subject,
            Date = date,
            Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody(),
        };
        mime.From.Add(MailboxAddress.Parse(options.From));
        mime.To.AddRange(to);
        // Tells mail systems not to auto-reply (out-of-office) to a machine.
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        mime.Headers.Add("X-ReviewWorkflow-Kind", kind);
        return mime;
    }
}
