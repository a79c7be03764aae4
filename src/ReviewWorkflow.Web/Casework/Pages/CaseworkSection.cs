using ReviewWorkflow.Web.Cases.Pages;

namespace ReviewWorkflow.Web.Casework.Pages;

public sealed record CaseworkSummary(Guid CaseId, int Notes, int OpenDirections, int Documents, int Exhibits);

/// <summary>The case page's block for the case log, its documents and exhibits: how many, and where to find them.</summary>
public sealed class CaseworkSection(ReviewDb db) : ICaseSection
{
    public int Order => 50;

    public string PartialPath => "/Casework/Pages/_CaseworkSection.cshtml";

    public async Task<object?> ModelAsync(CaseContext context, CurrentUser user, CancellationToken ct)
    {
        if (!user.CanSee(context.Case.Team) || user.Role == Engine.Roles.Admin) return null;
        var id = context.Case.Id;
        var counts = await CountsOf(db, id);
        return new CaseworkSummary(id, counts.Notes, context.State.Facts.OpenDirections.Count, counts.Documents, counts.Exhibits);
    }

    private sealed record Counts(int Notes, int Documents, int Exhibits);

    // One round trip for the three counts, compiled once: the case page is the most read page.
    private static readonly Func<ReviewDb, Guid, Task<Counts>> CountsOf = EF.CompileAsyncQuery((ReviewDb db, Guid id) =>
        db.Cases.Where(c => c.Id == id)
            .Select(c => new Counts(db.CaseNotes.Count(n => n.CaseId == id), db.CaseDocuments.Count(d => d.CaseId == id), db.Exhibits.Count(e => e.CaseId == id)))
            .Single());
}
