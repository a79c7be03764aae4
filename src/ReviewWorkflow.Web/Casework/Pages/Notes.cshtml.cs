using ReviewWorkflow.Web.FamilyInformation.Pages;

namespace ReviewWorkflow.Web.Casework.Pages;

/// <summary>The case log: every note and direction, a form to add one, and a response form on each open direction.</summary>
[Authorize(Policy = Policies.Casework)]
public sealed class NotesModel(CaseProcedure cases, CaseLog log, ReviewDb db, TimeProvider clock) : CaseChangePage(cases)
{
    public CaseLogDto Log { get; private set; } = new([], 0);
    public IReadOnlyList<Caseworker> Team { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public CurrentUser Me { get; private set; } = null!;

    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? Assignee { get; set; }
    [BindProperty] public string? DueAt { get; set; }
    [BindProperty] public string? Reply { get; set; }

    public bool MayDirect => Roles.Satisfies(Me.Role, Roles.Supervisor);

    public bool MayAnswer(NoteDto n) => n.Open && (n.AssigneeId == Me.Id || MayDirect);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostNoteAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        Sent = "note";
        if (!TryTime("dueAt", DueAt, out var due)) return Page();
        var request = new NoteRequest(Text, string.IsNullOrWhiteSpace(Assignee) ? null : Assignee, due);
        var (outcome, note) = await log.AddAsync(Context, request, Me, ct);
        return await AfterAsync(outcome, () => ($"{note!.Reference} recorded.", $"/cases/{id}/notes#note-{note.Id}"), ct);
    }

    public async Task<IActionResult> OnPostResponseAsync(Guid id, long noteId, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        Sent = noteId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (outcome, note) = await log.RespondAsync(Context, noteId, new DirectionResponseRequest(Reply), Me, ct);
        return await AfterAsync(outcome, () => ($"{note!.Reference} answered and closed.", $"/cases/{id}/notes#note-{note.Id}"), ct);
    }

    // The forms: "note", or the direction's id.
    private Task<IActionResult> AfterAsync(CaseOutcome outcome, Func<(string, string)> done, CancellationToken ct) =>
        AnswerAsync(outcome, done, db, async () => Log = await CaseLog.ReadAsync(db, Context.Case.Id, Now, ct));

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadCaseAsync(id, ct)) return NotFound();
        Me = HttpContext.CurrentUser();
        Now = clock.GetUtcNow();
        Log = await CaseLog.ReadAsync(db, id, Now, ct);
        Team = await FamilyPage.TeamAsync(db, Context.Case, ct);
        return null;
    }
}
