namespace ReviewWorkflow.Web.Audit.Pages;

/// <summary>Walks the hash chain on request (a POST: it reads every event, so a crawler or prefetch must not start it).</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class VerifyModel(ReviewDb db) : PageModel
{
    public AuditVerification? Result { get; private set; }
    public long Events { get; private set; }
    public IReadOnlyList<AuditEvent> Latest { get; private set; } = [];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task OnPostAsync(CancellationToken ct)
    {
        Result = await AuditVerifier.VerifyAsync(db, ct);
        await LoadAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Events = await db.AuditEvents.LongCountAsync(ct);
        Latest = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).Take(20).ToListAsync(ct);
    }
}
