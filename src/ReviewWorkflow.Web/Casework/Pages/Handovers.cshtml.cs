using ReviewWorkflow.Web.FamilyInformation.Pages;

namespace ReviewWorkflow.Web.Casework.Pages;

/// <summary>The team's handovers (awaiting approval, in force, coming), a request form, and a supervisor's approval button on each pending one.</summary>
[Authorize(Policy = Policies.Casework)]
public sealed class HandoversModel(Handovers handovers, ReviewDb db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<HandoverDto> List { get; private set; } = [];
    public IReadOnlyList<Caseworker> Team { get; private set; } = [];
    public CurrentUser Me { get; private set; } = null!;
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public IReadOnlyList<string> Problems { get; private set; } = [];

    [BindProperty] public string? From { get; set; }
    [BindProperty] public string? To { get; set; }
    [BindProperty] public string? StartsAt { get; set; }
    [BindProperty] public string? EndsAt { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public bool MayApprove(HandoverDto h) => h.State == "awaiting approval" && Roles.Satisfies(Me.Role, Roles.Supervisor) && Me.Id != h.FromId && Me.Id != h.ToId;

    public string? Error(string key) => FormRefusal.Error(Errors, key);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var errors = new Dictionary<string, string[]>();
        var starts = FormInput.Time(StartsAt, "startsAt", errors);
        var ends = FormInput.Time(EndsAt, "endsAt", errors);
        if (errors.Count > 0) return Refused(CaseRefused.Invalid(errors));
        var outcome = await handovers.RequestAsync(new HandoverRequest(From, To, starts, ends, Reason), Me, ct);
        if (outcome.Refused is { } refused) return Refused(refused);
        TempData["Done"] = $"Handover to {outcome.Handover!.ToName} recorded; a supervisor approves it.";
        return Redirect("/handovers");
    }

    public async Task<IActionResult> OnPostApproveAsync(long handoverId, CancellationToken ct)
    {
        await LoadAsync(ct);
        var outcome = await handovers.ApproveAsync(handoverId, Me, ct);
        if (outcome.Refused is { } refused) return Refused(refused);
        TempData["Done"] = $"Handover from {outcome.Handover!.FromName} to {outcome.Handover.ToName} approved.";
        return Redirect("/handovers");
    }

    private IActionResult Refused(CaseRefused refused)
    {
        (Errors, Problems) = FormRefusal.Read(refused.Refusal);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Me = HttpContext.CurrentUser();
        var now = clock.GetUtcNow();
        List = await Handovers.ListAsync(db, Me, now, ct);
        string[] casework = [.. Roles.Casework];
        Team = await db.Users.AsNoTracking().Where(u => u.Team == Me.Team && casework.Contains(u.Role) && !u.Deactivated)
            .OrderBy(u => u.DisplayName).Select(u => new Caseworker(u.Id, u.DisplayName, u.Role)).ToListAsync(ct);
    }
}
