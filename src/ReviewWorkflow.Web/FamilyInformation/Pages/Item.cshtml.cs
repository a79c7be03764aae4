namespace ReviewWorkflow.Web.FamilyInformation.Pages;

/// <summary>
/// One register item with its two forms: what was done about it (<c>POST …/actions</c>) and what
/// the person who gave it was told (<c>POST …/response</c>, which closes it).
/// </summary>
[Authorize(Policy = Policies.Casework)]
public sealed class ItemModel(CaseProcedure cases, FamilyInformationCommands register, ReviewDb db, TimeProvider clock) : CaseChangePage(cases)
{
    public FamilyItemDto Item { get; private set; } = null!;
    public DateTimeOffset Now { get; private set; }

    [BindProperty] public string? Action { get; set; }
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public string? Told { get; set; }
    [BindProperty] public string? RespondedAt { get; set; }

    // The forms (Sent): "action" and "response".

    public async Task<IActionResult> OnGetAsync(Guid id, long itemId, CancellationToken ct) => await LoadAsync(id, itemId, ct) ?? Page();

    public async Task<IActionResult> OnPostActionAsync(Guid id, long itemId, CancellationToken ct)
    {
        if (await LoadAsync(id, itemId, ct) is { } missing) return missing;
        var (outcome, item) = await register.ActionAsync(Context, itemId, new FamilyActionRequest(Action, Outcome), HttpContext.CurrentUser(), ct);
        return await AfterAsync("action", outcome, itemId, () => ($"{item!.Reference}: action recorded. Record the response once the family has been told.",
            $"/cases/{id}/family-information/{itemId}"), ct);
    }

    public async Task<IActionResult> OnPostResponseAsync(Guid id, long itemId, CancellationToken ct)
    {
        if (await LoadAsync(id, itemId, ct) is { } missing) return missing;
        if (!TryTime("respondedAt", RespondedAt, out var respondedAt))
        {
            Sent = "response";
            return Page();
        }
        var (outcome, item) = await register.RespondAsync(Context, itemId, new FamilyResponseRequest(Told, respondedAt), HttpContext.CurrentUser(), ct);
        return await AfterAsync("response", outcome, itemId, () => ($"{item!.Reference}: answered and closed.",
            $"/cases/{id}/family-information#item-{item.Reference}"), ct);
    }

    // Someone else may have changed the item meanwhile (answered it, say): a refused form shows it as it now is.
    private Task<IActionResult> AfterAsync(string form, CaseOutcome outcome, long itemId, Func<(string, string)> done, CancellationToken ct)
    {
        Sent = form;
        return AnswerAsync(outcome, done, db, async () => Item = await FamilyInformationCommands.ItemAsync(db, Context.Case.Id, itemId, Now, ct) ?? Item);
    }

    private async Task<IActionResult?> LoadAsync(Guid id, long itemId, CancellationToken ct)
    {
        if (!await LoadCaseAsync(id, ct)) return NotFound();
        Now = clock.GetUtcNow();
        if (await FamilyInformationCommands.ItemAsync(db, id, itemId, Now, ct) is not { } item) return NotFound();
        Item = item;
        return null;
    }
}
