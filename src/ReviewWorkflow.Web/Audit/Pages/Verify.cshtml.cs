namespace ReviewWorkflow.Web.Audit.Pages;

/// <summary>Walks the hash chain on request (a POST: it reads every event, so a crawler or prefetch must not start it).</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class VerifyModel(ReviewDb db) : PageModel
{
    public AuditVerification? Result { get; private set; }
    public long Events { get; private set; }
    public IReadOnlyList<AuditEvent> Latest { get; private set; } = [];
    /// <summary>The reference of each case the latest events belong to, for the case column.</summary>
    public IReadOnlyDictionary<Guid, string> References { get; private set; } = new Dictionary<Guid, string>();

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
        var ids = Latest.Select(e => e.CaseId).OfType<Guid>().Distinct().ToList();
        References = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Reference, ct);
    }
}
