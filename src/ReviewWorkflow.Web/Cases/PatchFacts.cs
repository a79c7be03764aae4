using ReviewWorkflow.Engine.Commands;
namespace ReviewWorkflow.Web.Cases;

/// <summary>
/// Facts learnt later (a toxicology result, a witness, the name once identified, a corrected place):
/// added, never overwritten except the place, and compared again with every recorded death, since a
/// new fact can make the link. The API's PATCH and the facts page both run it. A corrected place runs the
/// previous-incidents check again, both ways, in the same transaction (<see cref="Linkage.PreviousIncidents.AfterPlaceCorrectedAsync"/>).
/// </summary>
public sealed class PatchFacts(CaseProcedure cases, ReviewDb db, Linkage.PreviousIncidents previousIncidents)
{
    public static bool IsUnidentified(Case c) => string.Equals(c.DeceasedName.Trim(), CaseValidation.Unknown, StringComparison.OrdinalIgnoreCase);

    public async Task<CaseOutcome> RunAsync(CaseContext context, PatchCaseRequest request, CurrentUser user, CancellationToken ct)
    {
        if (CaseValidation.Validate(request) is { Count: > 0 } errors) return CaseRefused.Invalid(errors);
        var c = context.Case;
        // A name is given once: changing who the deceased was is not a correction but a different case.
        if (request.Deceased is not null && !IsUnidentified(c))
            return CaseRefused.Because(RefusalKind.Conflict, $"the deceased is already identified as {c.DeceasedName}; a name is given once, when an unknown death is identified");
        var now = cases.Now();
        var substances = NewFacts.Distinct(request.Substances).Where(s => !c.Substances.Contains(s, StringComparer.OrdinalIgnoreCase)).ToList();
        var markers = NewFacts.Distinct(request.Markers).Where(m => !c.Markers.Contains(m, StringComparer.OrdinalIgnoreCase)).ToList();
        var persons = NewFacts.People(c.Id, request.Persons, now);
        // New lists rather than in-place adds, so EF sees the array columns change.
        c.Substances = [.. c.Substances, .. substances];
        c.Markers = [.. c.Markers, .. markers];
        c.Persons.AddRange(persons);
        object? name = null;
        if (request.Deceased?.Name is { } identified)
        {
            name = new { before = c.DeceasedName, after = identified.Trim() };
            c.DeceasedName = identified.Trim();
        }
        object? place = null;
        var moved = request.Location is { } at
            && (c.LocationDescription != (at.Description?.Trim() ?? "") || c.Latitude != at.Latitude || c.Longitude != at.Longitude);
        if (request.Location is { } l)
        {
            place = new
            {
                before = new { description = c.LocationDescription, latitude = c.Latitude, longitude = c.Longitude },
                after = new { description = l.Description?.Trim() ?? "", latitude = l.Latitude!.Value, longitude = l.Longitude!.Value },
            };
            c.LocationDescription = l.Description?.Trim() ?? "";
            c.Latitude = l.Latitude.Value;
            c.Longitude = l.Longitude.Value;
        }
        c.MarkForReview();
        // Recorded with their time: a step they make apply runs its deadline from now (Deadlines).
        IReadOnlyList<StepActivity> added = substances.Count + markers.Count > 0 ? [FactsAdded.Activity(user.Id, now, substances, markers)] : [];
        object audit = new { substances, markers, persons = persons.Select(p => new { p.Role }).ToList(), name, place, needsReview = c.NeedsReview };
        if (!moved) return await cases.SaveAsync(context, user, "case.facts-added", audit, added, now, ct, recheckLinkage: true);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var outcome = await cases.SaveAsync(context, user, "case.facts-added", audit, added, now, ct, recheckLinkage: true);
        if (outcome is CaseDone done) outcome = await previousIncidents.AfterPlaceCorrectedAsync(cases, done, ct);
        // A refusal (a case changed by someone else meanwhile) leaves nothing of the correction: the transaction is rolled back.
        if (outcome is CaseDone) await tx.CommitAsync(ct);
        return outcome;
    }
}
