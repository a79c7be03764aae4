namespace ReviewWorkflow.Web.Cases;

/// <summary>
/// Facts learnt later (a toxicology result, a witness): added, never overwritten, and compared again
/// with every recorded death, since a new fact can make the link.
/// </summary>
public sealed class PatchFacts(CaseProcedure cases)
{
    public async Task<CaseOutcome> RunAsync(CaseContext context, PatchCaseRequest request, CurrentUser user, CancellationToken ct)
    {
        if (CaseValidation.Validate(request) is { Count: > 0 } errors) return CaseRefused.Invalid(errors);
        var c = context.Case;
        var now = cases.Now();
        var substances = NewFacts.Distinct(request.Substances).Where(s => !c.Substances.Contains(s, StringComparer.OrdinalIgnoreCase)).ToList();
        var markers = NewFacts.Distinct(request.Markers).Where(m => !c.Markers.Contains(m, StringComparer.OrdinalIgnoreCase)).ToList();
        var persons = NewFacts.People(c.Id, request.Persons, now);
        // New lists rather than in-place adds, so EF sees the array columns change.
        c.Substances = [.. c.Substances, .. substances];
        c.Markers = [.. c.Markers, .. markers];
        c.Persons.AddRange(persons);
        c.MarkForReview();
        // Recorded with their time: a step they make apply runs its deadline from now (Deadlines).
        IReadOnlyList<StepActivity> added = substances.Count + markers.Count > 0 ? [FactsAdded.Activity(user.Id, now, substances, markers)] : [];
        return await cases.SaveAsync(context, user, "case.facts-added",
            new { substances, markers, persons = persons.Select(p => new { p.Role }).ToList(), needsReview = c.NeedsReview }, added, now, ct,
            recheckLinkage: true);
    }
}
