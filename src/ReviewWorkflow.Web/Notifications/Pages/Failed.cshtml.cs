namespace ReviewWorkflow.Web.Notifications.Pages;

public sealed record FailedMail(long Id, DateTimeOffset CreatedAt, Guid? CaseId, string? Reference, string Kind, string Recipient, string Team,
    string Subject, int Attempts, string? LastError);

/// <summary>Mail the server refused for good (5xx): an escalation nobody received must be seen by someone.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class FailedModel(ReviewDb db) : PageModel
{
    /// <summary>The most failed messages listed, newest first.</summary>
    public const int Shown = 200;

    public IReadOnlyList<FailedMail> Mail { get; private set; } = [];
    public int Pending { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Pending = await db.Outbox.CountAsync(m => m.State == OutboxState.Pending, ct);
        Mail = await (
            from m in db.Outbox.AsNoTracking()
            where m.State == OutboxState.Failed
            join c in db.Cases.AsNoTracking() on m.CaseId equals (Guid?)c.Id into cases
            from c in cases.DefaultIfEmpty()
            orderby m.CreatedAt descending, m.Id descending
            select new FailedMail(m.Id, m.CreatedAt, m.CaseId, c == null ? null : c.Reference, m.Kind, m.Recipient, m.Team, m.Subject, m.Attempts, m.LastError)
        ).Take(Shown).ToListAsync(ct);
    }
}
