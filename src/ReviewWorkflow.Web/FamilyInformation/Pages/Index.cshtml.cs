namespace ReviewWorkflow.Web.FamilyInformation.Pages;

/// <summary>The case's family-and-friends register (F5, F9): every item, what was done and what the family was told.</summary>
[Authorize(Policy = Policies.Casework)]
public sealed class IndexModel(CaseProcedure cases, ReviewDb db, TimeProvider clock) : PageModel
{
    public CaseContext Context { get; private set; } = null!;
    public StepStatus? Step { get; private set; }
    public FamilyRegisterDto Register { get; private set; } = new([], 0, 0);
    public DateTimeOffset Now { get; private set; }
    public string UserRole { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var user = HttpContext.CurrentUser();
        var context = await cases.LoadAsync(id, user, ct);
        if (context is null) return NotFound();
        Context = context;
        UserRole = user.Role;
        Now = clock.GetUtcNow();
        Step = context.Definition.StepOfKind(StepKind.FamilyInformation) is { } step ? context.Evaluate()[step.Key] : null;
        Register = await FamilyInformationCommands.RegisterAsync(db, id, Now, ct);
        return Page();
    }

    /// <summary>Only a hint for the page: the engine decides when the completion is sent.</summary>
    public bool CanComplete =>
        Context.Case.Status == CaseStatus.Open && Step is { State: StepState.Available or StepState.Returned, Completion: null }
        && Register.Open == 0 && Roles.Satisfies(UserRole, Step.Step.Role);
}
