using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewWorkflow.Web.Accounts;
using ReviewWorkflow.Web.Cases;
using ReviewWorkflow.Web.Data;
using ReviewWorkflow.Web.Ui;

namespace ReviewWorkflow.Web.FamilyInformation.Pages;

/// <summary>Logs a piece of information from a family member or friend, as <c>POST …/family-information</c> does.</summary>
[Authorize(Policy = Policies.Casework)]
public sealed class NewModel(CaseProcedure procedure, ReviewDb db, TimeProvider clock) : PageModel
{
    public CaseContext Context { get; private set; } = null!;
    public IReadOnlyList<Caseworker> Team { get; private set; } = [];
    public string OfficerName { get; private set; } = "";

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Relationship { get; set; }
    [BindProperty] public string? Contact { get; set; }
    [BindProperty] public string? ReceivedAt { get; set; }
    [BindProperty] public string? How { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public string? Assignee { get; set; }
    [BindProperty] public string? PersonName { get; set; }
    [BindProperty] public string? PersonPhone { get; set; }
    [BindProperty] public string? PersonEmail { get; set; }
    [BindProperty] public string? PersonUsername { get; set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        ReceivedAt = Display.InputTime(clock.GetUtcNow());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        DateTimeOffset? receivedAt = null;
        if (!string.IsNullOrWhiteSpace(ReceivedAt))
        {
            if (!FormInput.TryUtc(ReceivedAt, out var at))
            {
                Errors = new Dictionary<string, string[]> { ["receivedAt"] = ["must be a date and time, e.g. 2026-11-25 14:30"] };
                return Page();
            }
            receivedAt = at;
        }
        List<NamedPersonInput>? persons = new[] { PersonName, PersonPhone, PersonEmail, PersonUsername }.All(string.IsNullOrWhiteSpace)
            ? null
            : [new NamedPersonInput(PersonName, null, PersonPhone, PersonEmail, PersonUsername)];
        var request = new LogFamilyInformationRequest(new ProvidedByInput(Name, Relationship, Contact), receivedAt,
            string.IsNullOrEmpty(How) ? null : How, Summary, string.IsNullOrEmpty(Assignee) ? null : Assignee, persons);

        var (outcome, item) = await FamilyInformationCommands.LogAsync(id, request, procedure, db, HttpContext.CurrentUser(), clock, ct);
        switch (outcome)
        {
            case CaseDone:
                TempData["Done"] = $"{item!.Reference} logged, {Display.Deadline(item.DueAt, clock.GetUtcNow())}.";
                return Redirect($"/cases/{id}/family-information#item-{item.Reference}");
            case CaseRefused { Refusal: var refusal }:
                (Errors, Problems) = FamilyPage.Read(refusal);
                return Page();
            default:
                return NotFound();
        }
    }

    public string? Error(string key) => FamilyPage.Error(Errors, key);

    public string? Invalid(string key) => Error(key) is null ? null : "true";

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var context = await procedure.LoadAsync(id, HttpContext.CurrentUser(), ct);
        if (context is null) return NotFound();
        Context = context;
        Team = await FamilyPage.TeamAsync(db, context.Case, ct);
        OfficerName = await CaseResults.OfficerNameAsync(db, context.Case.OfficerId, ct);
        return null;
    }
}
