namespace ReviewWorkflow.Web.FamilyInformation.Pages;

/// <summary>One register item as a page shows it (the API's view of it), with or without links to its forms.</summary>
public sealed record ItemView(FamilyItemDto Item, Guid CaseId, DateTimeOffset Now, bool Links);

public sealed record Caseworker(string Id, string DisplayName, string Role);

/// <summary>What the register pages share: the team's caseworkers.</summary>
public static class FamilyPage
{
    /// <summary>Who an item may be given to: the caseworkers of the case's team (the command checks it again).</summary>
    public static Task<List<Caseworker>> TeamAsync(ReviewDb db, Case c, CancellationToken ct)
    {
        string[] casework = [.. Roles.Casework];
        return db.Users.AsNoTracking().Where(u => u.Team == c.Team && casework.Contains(u.Role))
            .OrderBy(u => u.DisplayName).Select(u => new Caseworker(u.Id, u.DisplayName, u.Role)).ToListAsync(ct);
    }
}

/// <summary>The form's words for the request's field paths, for the list of problems above the form.</summary>
public static class NewModelLabels
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["providedBy.name"] = "Name", ["providedBy.relationship"] = "Relationship", ["providedBy.contact"] = "Contact",
        ["receivedAt"] = "Received at", ["how"] = "How it was received", ["summary"] = "What was reported", ["assignee"] = "Assign to",
        ["action"] = "What was done", ["outcome"] = "What came of it", ["response"] = "What the family was told", ["respondedAt"] = "Told at",
    };

    public static string For(string key) =>
        Labels.TryGetValue(key, out var label) ? label : key.StartsWith("persons", StringComparison.Ordinal) ? "A person it names" : Ui.Display.Words(key);
}
