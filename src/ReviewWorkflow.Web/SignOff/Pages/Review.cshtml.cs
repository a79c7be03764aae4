using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Web.Steps;

namespace ReviewWorkflow.Web.SignOff.Pages;

/// <summary>
/// What a supervisor approves, and the decision. Before anything is sent the page asks the engine
/// what bars this user from deciding (role, state) and from approving (four-eyes), as the sign-off
/// queue does, so a refusal is read before the supervisor writes a rationale; the decision itself
/// goes through <see cref="SignOffStep"/>, exactly as <c>POST …/sign-off</c> does.
/// </summary>
// Casework only, as GET /api/cases/{id}/steps/{key} is: an administrator administers and does not read answers (family details among them).
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Policies.Casework)]
public sealed class ReviewModel(CaseProcedure cases, SignOffStep signOff, ReviewDb db, TimeProvider clock) : CaseChangePage(cases)
{
    public CaseEvaluation Evaluation { get; private set; } = null!;
    public StepStatus Status { get; private set; } = null!;
    public StepDefinition Step => Status.Step;
    public DateTimeOffset Now { get; private set; }

    /// <summary>Why approval would be refused now (empty: it would not).</summary>
    public IReadOnlyList<string> ApproveRefused { get; private set; } = [];
    /// <summary>Why any decision would be refused now (role, state); the form is then not offered.</summary>
    public IReadOnlyList<string> DecisionRefused { get; private set; } = [];

    /// <summary>Active supervisors of the case's team other than this user: who else could approve (an inspector always can).</summary>
    public int OtherSupervisors { get; private set; }

    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? Rationale { get; set; }
    [BindProperty] public List<string> ReturnSteps { get; set; } = [];

    public IReadOnlyDictionary<string, string> UserNames { get; private set; } = new Dictionary<string, string>();
    /// <summary>The candidates and family items the approval covers, as GET of the step shows them.</summary>
    public SignOffEvidenceDto Evidence { get; private set; } = new([], [], []);

    public async Task<IActionResult> OnGetAsync(Guid id, string stepKey, CancellationToken ct) =>
        await LoadAsync(id, stepKey, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, string stepKey, CancellationToken ct)
    {
        if (await LoadAsync(id, stepKey, ct) is { } missing) return missing;
        return Answer(await signOff.RunAsync(Context, stepKey, new SignOffRequest(Decision, Rationale, ReturnSteps), HttpContext.CurrentUser(), ct),
            () => (Decision == "return"
                ? $"Returned for redo: {string.Join(", ", ReturnSteps.Select(k => Context.Definition.FindStep(k)?.Title ?? k))}."
                : $"{Step.Title}: approved.", $"/cases/{id}"));
    }

    public IEnumerable<StepStatus> Approved => Step.Approves.Select(k => Evaluation[k]).OfType<StepStatus>();

    private async Task<IActionResult?> LoadAsync(Guid id, string stepKey, CancellationToken ct)
    {
        if (!await LoadCaseAsync(id, ct)) return NotFound();
        var context = Context;
        var evaluation = context.Evaluate();
        if (evaluation[stepKey] is not { } status) return NotFound();
        if (status.Step.Kind != StepKind.SignOff) return Redirect(StepLinks.For(id, status.Step));
        Evaluation = evaluation;
        Status = status;
        Now = clock.GetUtcNow();

        Evidence = await SignOffEvidence.ForAsync(db, id, context.Definition, status.Step, evaluation, Now, ct) ?? Evidence;
        UserNames = await TeamUsers.DisplayNamesAsync(db,
            Approved.Where(a => a.Completion is not null).SelectMany(a => FieldDisplay.UserIds(a.Step.Fields, [a.Completion!.Fields])), ct);

        var actor = HttpContext.CurrentUser().ToActor();
        DecisionRefused = Procedure.SignOffBars(context.Definition, context.State, stepKey, actor);
        if (DecisionRefused.Count == 0) ApproveRefused = Procedure.FourEyesBars(context.Definition, context.State, stepKey, actor);
        if (ApproveRefused.Count > 0)
            OtherSupervisors = await db.Users.AsNoTracking().CountAsync(u =>
                u.Team == context.Case.Team && u.Role == Roles.Supervisor && !u.Deactivated && u.Id != actor.Id, ct);
        return null;
    }
}
