namespace ReviewWorkflow.Web.Steps.Pages;

public sealed record FieldView(FieldDefinition Field, IReadOnlyDictionary<string, string> Values, string? Error, IReadOnlyList<TeamMember> Team);

public sealed record TeamMember(string Id, string DisplayName, string Role);

/// <summary>
/// A step's form, generated from its definition, sent through the engine's <c>Complete</c> command
/// exactly as <c>POST /api/cases/{id}/steps/{key}/complete</c> does.
/// </summary>
// Casework only, as GET /api/cases/{id}/steps/{key} is: an administrator administers and does not read answers (family details among them).
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Policies.Casework)]
public sealed class CompleteModel(CaseProcedure cases, CompleteStep complete, ReviewDb db, TimeProvider clock, Linkage.PreviousIncidents previousIncidents)
    : CaseChangePage(cases)
{
    public StepStatus Status { get; private set; } = null!;
    public StepDefinition Step => Status.Step;
    public DateTimeOffset Now { get; private set; }
    public Dictionary<string, string> Values { get; private set; } = [];
    public IReadOnlyList<Steps.CaseActivity> History { get; private set; } = [];
    /// <summary>The case team's caseworkers, offered for user fields (the family liaison contact).</summary>
    public IReadOnlyList<TeamMember> Team { get; private set; } = [];
    public IReadOnlyDictionary<string, string> UserNames { get; private set; } = new Dictionary<string, string>();
    /// <summary>For the previous-incidents check: the earlier cases at the address, to confirm; null for any other step.</summary>
    public IReadOnlyList<Linkage.EarlierIncident>? Earlier { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string stepKey, CancellationToken ct)
    {
        if (await LoadAsync(id, stepKey, ct) is { } missing) return missing;
        if (StepLinks.For(id, Step) is var link && !link.EndsWith($"/steps/{Step.Key}", StringComparison.Ordinal)) return Redirect(link);
        // A returned step starts from the answers it was returned with.
        if (Status.State == StepState.Returned && History.FirstOrDefault(a => a.Kind == ActivityKind.Completed) is { } last)
            Values = StepForm.Values(Step, FieldCodec.FromJson(last.FieldsJson));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string stepKey, string? note, CancellationToken ct)
    {
        if (await LoadAsync(id, stepKey, ct) is { } missing) return missing;
        Values = StepForm.Values(Request.Form);
        return Answer(await complete.RunAsync(Context, stepKey, StepForm.Read(Step, Request.Form), note, HttpContext.CurrentUser(), ct),
            () => ($"{Step.Title}: completed.", $"/cases/{id}"));
    }

    public FieldView View(FieldDefinition field) =>
        new(field, Values, Errors.TryGetValue(StepForm.ErrorKey(field), out var e) ? string.Join("; ", e) : null, Team);

    public bool CanAct => Context.Case.Status == CaseStatus.Open && Status.State is StepState.Available or StepState.Returned;

    private async Task<IActionResult?> LoadAsync(Guid id, string stepKey, CancellationToken ct)
    {
        if (!await LoadCaseAsync(id, ct) || Context.Evaluate()[stepKey] is not { } status) return NotFound();
        var context = Context;
        Status = status;
        Now = clock.GetUtcNow();
        History = context.Activities.Where(a => a.StepKey == stepKey).OrderByDescending(a => a.Id).ToList();
        if (stepKey == Engine.Commands.EarlierIncidents.StepKey) Earlier = await previousIncidents.EarlierThanAsync(id, ct);
        if (status.Step.Fields.Any(f => f.Type == FieldType.User))
        {
            string[] casework = [.. Roles.Casework];
            Team = await db.Users.AsNoTracking().Where(u => u.Team == context.Case.Team && casework.Contains(u.Role))
                .OrderBy(u => u.DisplayName).Select(u => new TeamMember(u.Id, u.DisplayName, u.Role)).ToListAsync(ct);
            var ids = FieldDisplay.UserIds(status.Step.Fields, History.Select(a => FieldCodec.FromJson(a.FieldsJson)));
            UserNames = await TeamUsers.DisplayNamesAsync(db, ids, ct);
        }
        return null;
    }
}
