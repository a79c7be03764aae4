using ReviewWorkflow.Web.Audit;
using ReviewWorkflow.Web.Steps;

namespace ReviewWorkflow.Web.Cases.Pages;

/// <summary>One case as the engine sees it now: facts, checklist, what blocks closure, and what happened.</summary>
public sealed class DetailsModel(CaseProcedure cases, ReviewDb db, TimeProvider clock, IEnumerable<ICaseSection> sections) : PageModel
{
    public CaseContext Context { get; private set; } = null!;
    public Case Case => Context.Case;
    public CaseEvaluation Evaluation { get; private set; } = null!;
    public DateTimeOffset Now { get; private set; }
    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];
    public IReadOnlyList<(string Partial, object Model)> Sections { get; private set; } = [];
    public string UserRole { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var user = HttpContext.CurrentUser();
        if (await cases.ReadAsync(id, user, ct) is not { Context: var context, Evaluation: var evaluation }) return NotFound();
        Context = context;
        UserRole = user.Role;
        Evaluation = evaluation;
        Now = clock.GetUtcNow();
        var events = new List<AuditEvent>();
        await foreach (var e in EventsOf(db, id).WithCancellation(ct)) events.Add(e);
        Timeline = Audit.Timeline.From(events, context.Definition);
        var shown = new List<(string, object)>();
        foreach (var section in sections.OrderBy(s => s.Order))
        {
            if (await section.ModelAsync(context, user, ct) is { } model) shown.Add((section.PartialPath, model));
        }
        Sections = shown;
        return Page();
    }

    // Compiled once: the case page is the most read page, and EF's per-call work on a LINQ query costs as much as the query.
    private static readonly Func<ReviewDb, Guid, IAsyncEnumerable<AuditEvent>> EventsOf = EF.CompileAsyncQuery<ReviewDb, Guid, AuditEvent>((db, id) =>
        db.AuditEvents.AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.Sequence));

    public CaseStep? Row(string key) => Case.Steps.FirstOrDefault(s => s.Key == key);

    /// <summary>
    /// Whether to offer the step's form to this user. Only a hint for the page: the engine decides
    /// when the form is sent, and its refusal is what the person then reads.
    /// </summary>
    public bool Offer(StepStatus s) =>
        Case.Status == CaseStatus.Open
        && s.State is StepState.Available or StepState.Returned
        && Roles.Satisfies(UserRole, s.Step.Role);
}
