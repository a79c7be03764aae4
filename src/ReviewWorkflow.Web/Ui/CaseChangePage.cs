namespace ReviewWorkflow.Web.Ui;

/// <summary>
/// A page that changes a case through its use case: the route's case is loaded once per request,
/// for what the page shows and for the change itself, and the outcome reads alike on every form.
/// </summary>
public abstract class CaseChangePage(CaseProcedure cases) : PageModel
{
    public CaseContext Context { get; private set; } = null!;
    /// <summary>For a page whose change is an engine command decided here (<see cref="CaseProcedure.DecideAsync"/>).</summary>
    protected CaseProcedure Cases => cases;
    public IReadOnlyDictionary<string, string[]> Errors { get; protected set; } = new Dictionary<string, string[]>();
    public IReadOnlyList<string> Problems { get; protected set; } = [];

    /// <summary>On a page with several forms, which one was sent and refused: its errors show beside it alone.</summary>
    public string? Sent { get; protected set; }

    /// <summary>The messages for a field, including those of its parts.</summary>
    public string? Error(string key) => FormRefusal.Error(Errors, key);

    /// <summary>The messages for a field of <paramref name="form"/>, when that is the form refused.</summary>
    public string? Error(string form, string key) => Sent == form ? Error(key) : null;

    /// <summary>The field's <c>aria-invalid</c>: "true" when it has an error.</summary>
    public string? Invalid(string key) => Error(key) is null ? null : "true";

    public string? Invalid(string form, string key) => Error(form, key) is null ? null : "true";

    /// <summary>The route's case, tracked; false when it is missing or another team's.</summary>
    protected async Task<bool> LoadCaseAsync(Guid id, CancellationToken ct)
    {
        if (await cases.LoadAsync(id, HttpContext.CurrentUser(), ct) is not { } context) return false;
        Context = context;
        return true;
    }

    /// <summary>
    /// An optional date and time from the form: null when blank. False when it is not one, with the
    /// error beside its field: the caller shows the page again.
    /// </summary>
    protected bool TryTime(string key, string? text, out DateTimeOffset? value)
    {
        var errors = new Dictionary<string, string[]>();
        value = FormInput.Time(text, key, errors);
        if (errors.Count > 0) Errors = errors;
        return errors.Count == 0;
    }

    /// <summary>
    /// As <see cref="Answer"/>, for a page that lists what its forms add to: someone else may have written
    /// meanwhile, so a refused form shows the list as it now is, read again without what this request tracked.
    /// </summary>
    protected async Task<IActionResult> AnswerAsync(CaseOutcome outcome, Func<(string Flash, string Next)> done, ReviewDb db, Func<Task> readAgain)
    {
        if (outcome is CaseRefused)
        {
            db.ChangeTracker.Clear();
            await readAgain();
        }
        return Answer(outcome, done);
    }

    /// <summary>Done: the flash and the next page. Refused: this form again, each reason beside its field or above the form.</summary>
    protected IActionResult Answer(CaseOutcome outcome, Func<(string Flash, string Next)> done)
    {
        switch (outcome)
        {
            case CaseDone:
                var (flash, next) = done();
                TempData["Done"] = flash;
                return Redirect(next);
            case CaseRefused { Refusal: var refusal }:
                (Errors, Problems) = FormRefusal.Read(refusal);
                return Page();
            default:
                return NotFound();
        }
    }
}
