namespace ReviewWorkflow.Web.Search.Pages;

/// <summary>The person page: every case, item and step answer in which one identifier occurs.</summary>
[Authorize(Policy = Policies.Casework)]
public sealed class PersonModel(ReviewDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Identifier { get; set; }
    public PersonDto? Person { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A blank identifier is answered (model binding would make it null, as if nothing were asked).
        if (Request.Query.TryGetValue("identifier", out var asked)) Identifier = asked.ToString();
        if (PersonSearch.Normalise(Identifier ?? "") is { } id)
            Person = await PersonSearch.RunAsync(db, HttpContext.CurrentUser(), Identifier!, id, ct);
    }
}
