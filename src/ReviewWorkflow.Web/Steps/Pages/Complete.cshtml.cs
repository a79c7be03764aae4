using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Definitions;
using ReviewWorkflow.Engine.Evaluation;
using ReviewWorkflow.Web.Cases;
using ReviewWorkflow.Web.Ui;

namespace ReviewWorkflow.Web.Steps.Pages;

public sealed record FieldView(FieldDefinition Field, IReadOnlyDictionary<string, string> Values, string? Error);

/// <summary>
/// A step's form, generated from its definition, sent through the engine's <c>Complete</c> command
/// exactly as <c>POST /api/cases/{id}/steps/{key}/complete</c> does.
/// </summary>
public sealed class CompleteModel(CaseProcedure procedure, TimeProvider clock) : PageModel
{
    public CaseContext Context { get; private set; } = null!;
    public StepStatus Status { get; private set; } = null!;
    public StepDefinition Step => Status.Step;
    public DateTimeOffset Now { get; private set; }
    public Dictionary<string, string> Values { get; private set; } = [];
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public IReadOnlyList<Steps.CaseActivity> History { get; private set; } = [];

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
        var answers = StepForm.Read(Step, Request.Form);
        var outcome = await procedure.RunAsync(id, user, "step.completed", (context, now) =>
            Procedure.Complete(context.Definition, context.State, stepKey, answers, note, user.ToActor(), now), ct);
        switch (outcome)
        {
            case CaseDone:
                TempData["Done"] = $"{Step.Title}: completed.";
                return Redirect($"/cases/{id}");
            case CaseRefused { Refusal: var refusal }:
                Errors = refusal.FieldErrors;
                Problems = refusal.FieldErrors.Count > 0 ? [] : refusal.Reasons;
                return Page();
            default:
                return NotFound();
        }
    }

    public FieldView View(FieldDefinition field) =>
        new(field, Values, Errors.TryGetValue(StepForm.ErrorKey(field), out var e) ? string.Join("; ", e) : null);

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
        return null;
    }
}
