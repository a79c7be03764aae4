using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Definitions;
using ReviewWorkflow.Engine.Evaluation;
using ReviewWorkflow.Web.Accounts;
using ReviewWorkflow.Web.Cases;
using ReviewWorkflow.Web.Data;
using ReviewWorkflow.Web.Steps;
using ReviewWorkflow.Web.Ui;

namespace ReviewWorkflow.Web.SignOff.Pages;

/// <summary>
/// What a supervisor approves, and the decision. Before anything is sent the page asks the engine
/// whether this user could approve (and could return) right now, so a four-eyes or role refusal is
/// read before the supervisor writes a rationale; the decision itself goes through the engine again,
/// exactly as <c>POST …/sign-off</c> does.
/// </summary>
// Casework only, as GET /api/cases/{id}/steps/{key} is: an administrator administers and does not read answers (family details among them).
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Policies.Casework)]
public sealed class ReviewModel(CaseProcedure procedure, ReviewDb db, TimeProvider clock) : PageModel
{
    public CaseContext Context { get; private set; } = null!;
    public CaseEvaluation Evaluation { get; private set; } = null!;
    public StepStatus Status { get; private set; } = null!;
    public StepDefinition Step => Status.Step;
    public DateTimeOffset Now { get; private set; }

    /// <summary>Why approval would be refused now (empty: it would not).</summary>
    public IReadOnlyList<string> ApproveRefused { get; private set; } = [];
    /// <summary>Why any decision would be refused now (role, state); the form is then not offered.</summary>
    public IReadOnlyList<string> DecisionRefused { get; private set; } = [];

    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? Rationale { get; set; }
    [BindProperty] public List<string> ReturnSteps { get; set; } = [];

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public IReadOnlyDictionary<string, string> UserNames { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyList<string> Problems { get; private set; } = [];
    /// <summary>The candidates and family items the approval covers, as GET of the step shows them.</summary>
    public SignOffEvidenceDto Evidence { get; private set; } = new([], [], []);

    public async Task<IActionResult> OnGetAsync(Guid id, string stepKey, CancellationToken ct) =>
        await LoadAsync(id, stepKey, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, string stepKey, CancellationToken ct)
    {
        if (await LoadAsync(id, stepKey, ct) is { } missing) return missing;
        var user = HttpContext.CurrentUser();
        var decision = Decision ?? "";
        var outcome = await procedure.RunAsync(id, user, decision == "return" ? "step.returned" : "step.signed-off", (context, now) =>
            Procedure.SignOff(context.Definition, context.State, stepKey, decision, Rationale, ReturnSteps, user.ToActor(), now), ct);
        switch (outcome)
        {
            case CaseDone:
                TempData["Done"] = decision == "return"
                    ? $"Returned for redo: {string.Join(", ", ReturnSteps.Select(k => Context.Definition.FindStep(k)?.Title ?? k))}."
                    : $"{Step.Title}: approved.";
                return Redirect($"/cases/{id}");
            case CaseRefused { Refusal: var refusal }:
                (Errors, Problems) = FormRefusal.Read(refusal);
                return Page();
            default:
                return NotFound();
        }
    }

    public IEnumerable<StepStatus> Approved => Step.Approves.Select(k => Evaluation[k]).OfType<StepStatus>();

    public string? Error(string key) => FormRefusal.Error(Errors, key);

    private async Task<IActionResult?> LoadAsync(Guid id, string stepKey, CancellationToken ct)
    {
        var user = HttpContext.CurrentUser();
        var context = await procedure.LoadAsync(id, user, ct);
        if (context is null) return NotFound();
        var evaluation = context.Evaluate();
        if (evaluation[stepKey] is not { } status) return NotFound();
        if (status.Step.Kind != StepKind.SignOff) return Redirect(StepLinks.For(id, status.Step));
        Context = context;
        Evaluation = evaluation;
        Status = status;
        Now = clock.GetUtcNow();

        Evidence = await SignOffEvidence.ForAsync(db, id, context.Definition, status.Step, evaluation, Now, ct) ?? Evidence;
        UserNames = await TeamUsers.DisplayNamesAsync(db,
            Approved.Where(a => a.Completion is not null).SelectMany(a => FieldDisplay.UserIds(a.Step.Fields, [a.Completion!.Fields])), ct);

        // Dry runs of the engine's own command: nothing is recorded, only the refusal (if any) is read.
        var actor = user.ToActor();
        var probe = "(checking whether a decision is possible)";
        var anyCompleted = Approved.Where(s => s.State == StepState.Completed).Select(s => s.Step.Key).Take(1).ToList();
        if (Procedure.SignOff(context.Definition, context.State, stepKey, "return", probe, anyCompleted, actor, Now) is Refused { Kind: not RefusalKind.Invalid } noDecision)
            DecisionRefused = noDecision.Reasons;
        else if (Procedure.SignOff(context.Definition, context.State, stepKey, "approve", probe, [], actor, Now) is Refused noApproval)
            ApproveRefused = noApproval.Reasons;
        return null;
    }
}
