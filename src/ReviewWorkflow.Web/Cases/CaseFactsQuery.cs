using ReviewWorkflow.Engine.Linkage;
using ReviewWorkflow.Web.Casework;
using ReviewWorkflow.Web.FamilyInformation;
using ReviewWorkflow.Web.Linkage;
using ReviewWorkflow.Web.Steps;

namespace ReviewWorkflow.Web.Cases;

/// <summary>
/// The facts the engine gates on that live in other features' tables. Linkage candidates and
/// family-information items add their counts here as those features arrive.
/// </summary>
public static class CaseFactsQuery
{
    public static async Task<CaseFacts> ForAsync(ReviewDb db, Case c, CancellationToken ct = default)
    {
        // Loaded into the context rather than counted in SQL, so a command's own pending changes
        // (a disposition, candidates found by this very linkage run) count before they are saved.
        await db.LinkageCandidates.Where(x => x.CaseId == c.Id).LoadAsync(ct);
        var candidates = db.LinkageCandidates.Local.Where(x => x.CaseId == c.Id).ToList();
        var openFamilyItems = await FamilyRegister.OpenItemsAsync(db, c.Id, ct);
        return new CaseFacts(c.Markers, c.Substances,
            UndecidedCandidates: candidates.Count(x => x.Decision is null),
            LinkedCandidates: candidates.Count(x => x.Decision == LinkageDisposition.Linked),
            OpenFamilyItems: openFamilyItems.Count, c.ReferralRequested)
        {
            OpenFamilyItemList = openFamilyItems,
            UndecidedCandidateList = await PendingAsync(db, [.. candidates.Where(x => x.Decision is null)], ct),
            OpenDirections = await CaseDirections.OpenAsync(db, c.Id, ct),
        };
    }

    /// <summary>The undecided candidates by reference and arrival: the engine reopens the linkage step from them and refusals name them.</summary>
    private static async Task<IReadOnlyList<PendingCandidate>> PendingAsync(ReviewDb db, IReadOnlyList<LinkageCandidate> undecided, CancellationToken ct)
    {
        if (undecided.Count == 0) return [];
        var ids = undecided.Select(x => x.CandidateCaseId).ToList();
        var references = await db.Cases.AsNoTracking().Where(o => ids.Contains(o.Id)).Select(o => new { o.Id, o.Reference }).ToDictionaryAsync(o => o.Id, o => o.Reference, ct);
        return [.. undecided.Select(x => new PendingCandidate(references.GetValueOrDefault(x.CandidateCaseId) ?? "another case", x.AddedAt))];
    }

    /// <summary>
    /// The same facts from counts read with the case (nothing of them pending): the open register
    /// items are read only when there are some, as most cases have none open at any moment.
    /// </summary>
    public static async Task<CaseFacts> FromCountsAsync(ReviewDb db, Case c, int undecidedCandidates, int linkedCandidates, int openFamilyItems,
        int openDirections, CancellationToken ct = default)
    {
        var tracked = db.ChangeTracker.Tracked<FamilyInformationItem>().Any(e => e.Entity.CaseId == c.Id);
        IReadOnlyList<OpenFamilyItem> items = openFamilyItems > 0 || tracked ? await FamilyRegister.OpenItemsAsync(db, c.Id, ct) : [];
        return new CaseFacts(c.Markers, c.Substances,
            UndecidedCandidates: undecidedCandidates,
            LinkedCandidates: linkedCandidates,
            OpenFamilyItems: items.Count, c.ReferralRequested)
        {
            OpenFamilyItemList = items,
            UndecidedCandidateList = undecidedCandidates > 0
                ? await PendingAsync(db, await db.LinkageCandidates.AsNoTracking().Where(x => x.CaseId == c.Id && x.Decision == null).ToListAsync(ct), ct)
                : [],
            OpenDirections = openDirections > 0 ? await CaseDirections.OpenAsync(db, c.Id, ct) : [],
        };
    }

    /// <summary>The same counts, with the case's own columns as they are now.</summary>
    public static CaseFacts WithCase(CaseFacts facts, Case c) =>
        facts with { Markers = c.Markers, Substances = c.Substances, ReferralRequested = c.ReferralRequested };

    public static CaseState ToState(Case c, IEnumerable<CaseActivity> activities, CaseFacts facts) =>
        // Activities not yet saved have no id (0) and are the newest: ties in time must keep them
        // last, or a command's own record would read as older than the work it judged.
        StateOf(c, activities.OrderBy(a => a.At).ThenBy(a => a.Id == 0 ? long.MaxValue : a.Id).Select(a => a.ToEngine()).ToList(), facts);

    /// <summary>
    /// The state after a change: the activities already read (in order, their answers already parsed)
    /// and then the change's own, the newest — the sort is stable, so of one instant they stay last.
    /// </summary>
    public static CaseState After(CaseState before, Case c, IReadOnlyList<StepActivity> added, CaseFacts facts) =>
        StateOf(c, [.. before.Activities.Concat(added).OrderBy(a => a.At)], facts);

    private static CaseState StateOf(Case c, List<StepActivity> activities, CaseFacts facts) =>
        new(c.OpenedAt, c.Status == CaseStatus.Closed, c.Classification, activities,
            // Who holds each step, as the step table last recorded it (a case read for display has no step rows: none).
            facts with { Assignees = c.Steps.Where(s => s.AssigneeId is not null).ToDictionary(s => s.Key, s => s.AssigneeId!) });
}
