using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Linkage;

namespace ReviewWorkflow.Web.Linkage.Pages;

/// <summary>One candidate as the page shows it: the API's view, where it lies from this death, and whether the user may open it.</summary>
public sealed record CandidateRow(LinkageCandidateDto Candidate, double Km, double Days, bool Visible)
{
    public string State => Candidate.Disposition?.Decision ?? "undecided";
}

/// <summary>
/// The linkage candidates of a case (F8), each decided linked or not linked with a rationale,
/// through <see cref="Disposition"/> exactly as <c>POST …/linkage/{candidate}/disposition</c> does.
/// </summary>
[Authorize(Policy = Policies.Casework)]
public sealed class IndexModel(CaseProcedure cases, Disposition disposition, ReviewDb db) : CaseChangePage(cases)
{
    public StepStatus? Step { get; private set; }
    public IReadOnlyList<CandidateRow> Candidates { get; private set; } = [];
    public string UserRole { get; private set; } = "";

    // The forms (Sent): one per candidate, named by the candidate case's id.
    [BindProperty] public Guid Candidate { get; set; }
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? Rationale { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        var (outcome, decided) = await disposition.RunAsync(Context, Candidate, new DispositionRequest(Decision, Rationale), HttpContext.CurrentUser(), ct);
        Sent = Candidate.ToString();
        if (outcome is CaseRefused)
        {
            // What the engine saw may have changed (a concurrent decision): show the candidates as they now are.
            db.ChangeTracker.Clear();
            await ListAsync(ct);
        }
        return Answer(outcome, () => ($"{decided!.Reference}: recorded as {Display.Words(decided.Disposition!.Decision).ToLowerInvariant()}.",
            $"/cases/{id}/linkage"));
    }

    /// <summary>Whether to offer the forms. Only a hint: the engine decides when one is sent.</summary>
    public bool MayDecide => Step is not null && Roles.Satisfies(UserRole, Step.Step.Role);

    public bool CanComplete =>
        Context.Case.Status == CaseStatus.Open && MayDecide && Step!.State is StepState.Available or StepState.Returned
        && Candidates.All(c => c.Candidate.Disposition is not null);

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadCaseAsync(id, ct)) return NotFound();
        var context = Context;
        UserRole = HttpContext.CurrentUser().Role;
        var evaluation = context.Evaluate();
        Step = context.Definition.StepOfKind(StepKind.Linkage) is { } step ? evaluation[step.Key] : null;
        await ListAsync(ct);
        return null;
    }

    private async Task ListAsync(CancellationToken ct)
    {
        var user = HttpContext.CurrentUser();
        Candidates = (await Disposition.CandidatesAsync(db, Context.Case.Id, ct)).Candidates
            .Select(c => new CandidateRow(c, c.Facts!.Km, c.Facts.DaysApart, user.CanSee(c.Team!))).ToList();
    }
}
