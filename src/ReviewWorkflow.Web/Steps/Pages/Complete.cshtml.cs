using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Definitions;
using ReviewWorkflow.Engine.Evaluation;
using Microsoft.EntityFrameworkCore;
using ReviewWorkflow.Engine;
using ReviewWorkflow.Web.Accounts;
using ReviewWorkflow.Web.Cases;
using ReviewWorkflow.Web.Data;
using ReviewWorkflow.Web.Ui;
using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Web.Steps.Pages;

public sealed record FieldView(FieldDefinition Field, IReadOnlyDictionary<string, string> Values, string? Error, IReadOnlyList<TeamMember> Team);

public sealed record TeamMember(string Id, string DisplayName, string Role);

/// <summary>
/// A step's form, generated from its definition, sent through the engine's <c>Complete</c> command
/// exactly as <c>POST /api/cases/{id}/steps/{key}/complete</c> does.
/// </summary>
// Casework only, as GET /api/cases/{id}/steps/{key} is: an administrator administers and does not read answers (family details among them).
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Policies.Casework)]
public sealed class CompleteModel(CaseProcedure procedure, ReviewDb db, WorkflowRegistry workflows, TimeProvider clock, Linkage.LinkageCheck linkage) : PageModel
{
    public CaseContext Context { get; private set; } = null!;
    public StepStatus Status { get; private set; } = null!;
    public StepDefinition Step => Status.Step;
    public DateTimeOffset Now { get; private set; }
    public Dictionary<string, string> Values { get; private set; } = [];
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public IReadOnlyList<Steps.CaseActivity> History { get; private set; } = [];
    /// <summary>The case team's caseworkers, offered for user fields (the family liaison contact).</summary>
    public IReadOnlyList<TeamMember> Team { get; private set; } = [];
    public IReadOnlyDictionary<string, string> UserNames { get; private set; } = new Dictionary<string, string>();

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
        if (note is { Length: > CaseLimits.Rationale })
        {
            Errors = new Dictionary<string, string[]> { ["note"] = [$"at most {CaseLimits.Rationale} characters"] };
            return Page();
        }
        var user = HttpContext.CurrentUser();
        // As the API does: user fields name a caseworker of the case's team, checked and stored by id.
        var (answers, userErrors) = await UserFields.ResolveAsync(db, workflows, id, stepKey, StepForm.Read(Step, Request.Form), user, ct);
        if (userErrors.Count > 0)
        {
            Errors = userErrors;
            return Page();
        }
        var outcome = await procedure.RunAsync(id, user, "step.completed", (context, now) =>
            Procedure.Complete(context.Definition, context.State, stepKey, answers, note, user.ToActor(), now), ct,
            within: linkage.WhenIdentifiersChange(user, stepKey));
        switch (outcome)
        {
            case CaseDone:
                TempData["Done"] = $"{Step.Title}: completed.";
                return Redirect($"/cases/{id}");
            case CaseRefused { Refusal: var refusal }:
                (Errors, Problems) = FormRefusal.Read(refusal);
                return Page();
            default:
                return NotFound();
        }
    }

    public FieldView View(FieldDefinition field) =>
        new(field, Values, Errors.TryGetValue(StepForm.ErrorKey(field), out var e) ? string.Join("; ", e) : null, Team);

    public bool CanAct => Context.Case.Status == CaseStatus.Open && Status.State is StepState.Available or StepState.Returned;

    private async Task<IActionResult?> LoadAsync(Guid id, string stepKey, CancellationToken ct)
    {
        var context = await procedure.LoadAsync(id, HttpContext.CurrentUser(), ct);
        if (context is null) return NotFound();
        var status = context.Evaluate()[stepKey];
        if (status is null) return NotFound();
        Context = context;
        Status = status;
        Now = clock.GetUtcNow();
        History = context.Activities.Where(a => a.StepKey == stepKey).OrderByDescending(a => a.Id).ToList();
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
