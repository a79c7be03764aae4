using ReviewWorkflow.Engine.Commands;

namespace ReviewWorkflow.Web.Steps.Pages;

/// <summary>
/// A step's pause: its officer asks for one (reason, expected date) or ends it; a supervisor approves or refuses it.
/// Each form sends the engine's command (<see cref="Pauses"/>) exactly as <c>POST …/steps/{key}/pause…</c> does.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Policies.Casework)]
public sealed class PauseModel(CaseProcedure cases, TimeProvider clock) : CaseChangePage(cases)
{
    public StepStatus Status { get; private set; } = null!;
    public StepPause? Pause => Status.Pause;
    public DateTimeOffset Now { get; private set; }

    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Until { get; set; }
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? Rationale { get; set; }

    public bool IsOpen => Context.Case.Status == CaseStatus.Open && Status.State is StepState.Available or StepState.Returned or StepState.Blocked;
    /// <summary>No pause stands: one may be asked for.</summary>
    public bool CanAsk => IsOpen && (Pause is null || (!Pause.Pending && !Pause.PausedAt(Now)));
    public bool AwaitsDecision => IsOpen && Pause is { Pending: true };
    public bool InForce => IsOpen && Pause is { } p && p.PausedAt(Now);
    public CurrentUser Me => HttpContext.CurrentUser();

    public async Task<IActionResult> OnGetAsync(Guid id, string stepKey, CancellationToken ct) =>
        await LoadAsync(id, stepKey, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAskAsync(Guid id, string stepKey, CancellationToken ct)
    {
        if (!await LoadAsync(id, stepKey, ct)) return NotFound();
        if (!TryTime("until", Until, out var until)) return Page();
        return await RunAsync(id, "step.pause-requested",
            now => Pauses.Request(Context.Definition, Context.State, stepKey, Reason, until, Me.ToActor(), now), "pause asked for; a supervisor decides it.", ct);
    }

    public async Task<IActionResult> OnPostDecideAsync(Guid id, string stepKey, CancellationToken ct) => !await LoadAsync(id, stepKey, ct) ? NotFound()
        : await RunAsync(id, "step.pause-decided",
            now => Pauses.Decide(Context.Definition, Context.State, stepKey, Decision, Rationale, Me.ToActor(), now),
            Decision == StepPause.Approve ? "pause approved." : "pause refused.", ct);

    public async Task<IActionResult> OnPostEndAsync(Guid id, string stepKey, CancellationToken ct) => !await LoadAsync(id, stepKey, ct) ? NotFound()
        : await RunAsync(id, "step.pause-ended", now => Pauses.End(Context.Definition, Context.State, stepKey, Me.ToActor(), now), "pause ended.", ct);

    private async Task<IActionResult> RunAsync(Guid id, string action, Func<DateTimeOffset, CommandOutcome> decide, string done, CancellationToken ct) =>
        Answer(await Cases.DecideAsync(Context, Me, action, decide, ct), () => ($"{Status.Step.Title}: {done}", $"/cases/{id}#step-{Status.Step.Key}"));

    private async Task<bool> LoadAsync(Guid id, string stepKey, CancellationToken ct)
    {
        if (!await LoadCaseAsync(id, ct) || Context.Evaluate()[stepKey] is not { } status) return false;
        Status = status;
        Now = clock.GetUtcNow();
        return true;
    }
}
