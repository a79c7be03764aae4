using ReviewWorkflow.Web.FamilyInformation;
using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Web.Reports;

/// <summary>
/// Computes the oversight measures. The cases measured are those opened in the period (of the team,
/// or of all teams); each measure follows them to now. Durations are in hours; a median is the middle
/// value (the mean of the two middle values for an even count); a 90th percentile is the smallest
/// value that at least 90% of the values do not exceed (nearest rank).
/// </summary>
public sealed class ReportQuery(ReviewDb db, WorkflowRegistry workflows, TimeProvider clock)
{
    public const int CasesListed = 200;
    private sealed record LateStep(string Step, int Cases, Guid[] Listed);
    private sealed record LevelReached(int Level, string Notify, int Count, int Cases, Guid[] Listed);
    private sealed record Scoped(Guid Id, string Reference, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, CaseStatus Status, string Classification, bool NeedsReview);

    public async Task<ReportSummary> RunAsync(DateTimeOffset from, DateTimeOffset to, string? team, int openLongerThanDays, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var definition = workflows.Latest(CaseCreation.DefaultWorkflow);
        var scope = db.Cases.AsNoTracking().Where(c => c.OpenedAt >= from && c.OpenedAt < to && (team == null || c.Team == team));
        var cases = await scope.Select(c => new Scoped(c.Id, c.Reference, c.OpenedAt, c.ClosedAt, c.Status, c.Classification, c.NeedsReview)).ToListAsync(ct);
        var byId = cases.ToDictionary(c => c.Id);
        // The ids as a list, not a subquery: PostgreSQL then looks each case up in the tables' case_id
        // indexes (`= ANY(array)`) instead of scanning a million activities for a year of cases.
        var ids = cases.Select(c => c.Id).ToList();

        var classificationKey = definition?.StepDeciding(DecisionPurpose.Classification)?.Key ?? "classification";
        var signOffKeys = definition?.Steps.Where(s => s.Kind == StepKind.SignOff && !s.Approves.Contains(classificationKey)).Select(s => s.Key).ToList() ?? [];
        var (firstClassified, firstSignedOff) = await FirstCompletionsAsync(ids, classificationKey, signOffKeys, ct);
        var title = (string key) => definition?.FindStep(key)?.Title ?? key;

        var sections = new List<ReportSection>
        {
            new("timings", "Time from report to classification, sign-off and closure",
                "Hours from the case's opening (the report of the death) to its first classification other than the starting one, " +
                "to the first approval of its work at sign-off, and to its closure; cases that have not got there yet are not counted. " +
                "Median: the middle value. 90th percentile: nine cases in ten took no longer.",
                [
                    .. Distribution("to classification", firstClassified.Select(x => (x.Key, x.Value - byId[x.Key].OpenedAt)), byId),
                    .. Distribution("to sign-off", firstSignedOff.Select(x => (x.Key, x.Value - byId[x.Key].OpenedAt)), byId),
                    .. Distribution("to closure", cases.Where(c => c.ClosedAt is not null).Select(c => (c.Id, c.ClosedAt!.Value - c.OpenedAt)), byId),
                ]),
        };

        // Counted and listed in SQL, one pass each: a year of open work holds hundreds of thousands of
        // escalation rows, and a figure lists at most CasesListed of its cases.
        var lateSteps = await db.Database.SqlQuery<LateStep>($"""
            SELECT step_key AS "Step", count(DISTINCT case_id)::int AS "Cases", (array_agg(DISTINCT case_id))[1:{CasesListed}] AS "Listed"
            FROM escalations WHERE item_id IS NULL AND case_id = ANY({ids}) GROUP BY step_key ORDER BY step_key
            """).ToListAsync(ct);
        var levels = await db.Database.SqlQuery<LevelReached>($"""
            SELECT level AS "Level", notify AS "Notify", count(*)::int AS "Count", count(DISTINCT case_id)::int AS "Cases",
                   (array_agg(DISTINCT case_id))[1:{CasesListed}] AS "Listed"
            FROM escalations WHERE case_id = ANY({ids}) GROUP BY level, notify ORDER BY level, notify
            """).ToListAsync(ct);
        List<ReportFigure> lateFigures = [.. lateSteps.Select(l => Figure(title(l.Step), l.Cases, "steps", l.Cases, l.Listed, byId))];
        List<ReportFigure> levelFigures = [.. levels.Select(l => Figure($"level {l.Level} ({l.Notify})", l.Count, "escalations", l.Cases, l.Listed, byId))];
        sections.Add(new("late-steps", "Steps done late, by step",
            "Steps whose deadline passed before they were done (or that are still not done): each counted once per case, as the " +
            "escalation sweep recorded it reaching the first rung of its ladder.", lateFigures));
        sections.Add(new("escalations", "Escalations by level",
            "Every rung reached by late work (steps, family-information items and directions): level 1 tells the assignee, level 2 the supervisor, level 3 the inspector.",
            levelFigures));

        var returns = await db.CaseActivities.AsNoTracking().Where(a => ids.Contains(a.CaseId) && a.Kind == ActivityKind.Returned)
            .Select(a => new { a.CaseId, a.StepKey }).ToListAsync(ct);
        sections.Add(new("returns", "Returns at sign-off, by step",
            "Each time a supervisor or inspector sent a step back for redo at sign-off, counted by the step returned.",
            [.. returns.GroupBy(r => r.StepKey).OrderBy(g => g.Key)
                .Select(g => Figure(title(g.Key), g.Count(), "returns", g.Select(r => r.CaseId), byId))]));

        var candidates = await db.LinkageCandidates.AsNoTracking().Where(x => ids.Contains(x.CaseId))
            .Select(x => new { x.CaseId, x.Decision, x.AddedAt, x.DecidedAt }).ToListAsync(ct);
        var decided = candidates.Where(x => x.Decision is not null).ToList();
        var linked = decided.Where(x => x.Decision == Engine.Linkage.LinkageDisposition.Linked).ToList();
        sections.Add(new("linkage", "Linkage",
            "Candidates per case: linkage candidates found for the cases, divided by the number of cases. Share dispositioned linked: " +
            "of the candidates decided, the percentage decided linked. Time to disposition: hours from a candidate's arrival to its decision.",
            [
                Figure("candidates per case", cases.Count == 0 ? null : Math.Round((double)candidates.Count / cases.Count, 2), "candidates", candidates.Select(x => x.CaseId), byId),
                Figure("share dispositioned linked", decided.Count == 0 ? null : Math.Round(100.0 * linked.Count / decided.Count, 1), "%", linked.Select(x => x.CaseId), byId),
                .. Distribution("time to disposition", decided.Select(x => (x.CaseId, x.DecidedAt!.Value - x.AddedAt)), byId),
            ]));

        var items = await db.FamilyInformationItems.AsNoTracking().Where(i => ids.Contains(i.CaseId))
            .Select(i => new { i.CaseId, i.ReceivedAt, i.DueAt, i.RespondedAt, i.State, i.LoggedAt }).ToListAsync(ct);
        var answeredLate = items.Where(i => (i.RespondedAt ?? now) > i.DueAt).ToList();
        sections.Add(new("family-information", "Family information",
            "Items per case: items logged in the cases' registers, divided by the number of cases. Time to answer: hours from an item's " +
            "receipt to the answer given to the family. Answered late: answered after the item's deadline, or still unanswered past it.",
            [
                Figure("items per case", cases.Count == 0 ? null : Math.Round((double)items.Count / cases.Count, 2), "items", items.Select(i => i.CaseId), byId),
                .. Distribution("time to answer", items.Where(i => i.RespondedAt is not null).Select(i => (i.CaseId, i.RespondedAt!.Value - i.ReceivedAt)), byId),
                Figure("items answered late", answeredLate.Count, "items", answeredLate.Select(i => i.CaseId), byId),
            ]));

        var threshold = TimeSpan.FromDays(openLongerThanDays);
        var openLong = cases.Where(c => c.Status == CaseStatus.Open && now - c.OpenedAt > threshold).ToList();
        var reopened = Reopened(cases.Where(c => c.Status == CaseStatus.Closed && c.Classification == "not-suspicious").ToList(),
            [.. candidates.Select(x => (x.CaseId, x.AddedAt)), .. items.Select(i => (i.CaseId, i.LoggedAt))]);
        sections.Add(new("open-and-reopened", "Cases open long, and closed cases reopened for review",
            $"Open longer than {openLongerThanDays} days: cases still open that many days after they were opened. Closed as not suspicious, " +
            "then reopened for review: closed cases classified not suspicious that information reached after closure (a new linkage " +
            "candidate or family item), putting them back on the review list.",
            [
                Figure($"open longer than {openLongerThanDays} days", openLong.Count, "cases", openLong.Select(c => c.Id), byId),
                Figure("closed as not suspicious, reopened for review", reopened.Count, "cases", reopened, byId),
            ]));
        return new ReportSummary(from, to, team, openLongerThanDays, now, cases.Count, sections);
    }

    private sealed record FirstDone(Guid CaseId, DateTimeOffset? Classified, DateTimeOffset? SignedOff);

    /// <summary>Each case's first classification and first sign-off approval, in one pass over its completions.</summary>
    private async Task<(Dictionary<Guid, DateTimeOffset> Classified, Dictionary<Guid, DateTimeOffset> SignedOff)> FirstCompletionsAsync(
        List<Guid> ids, string classificationKey, List<string> signOffKeys, CancellationToken ct)
    {
        var completed = nameof(ActivityKind.Completed);
        var rows = await db.Database.SqlQuery<FirstDone>($"""
            SELECT case_id, min(at) FILTER (WHERE step_key = {classificationKey}) AS classified,
                   min(at) FILTER (WHERE step_key = ANY({signOffKeys})) AS signed_off
            FROM case_activities
            WHERE case_id = ANY({ids}) AND kind = {completed} AND (step_key = {classificationKey} OR step_key = ANY({signOffKeys}))
            GROUP BY case_id
            """).ToListAsync(ct);
        return (rows.Where(r => r.Classified is not null).ToDictionary(r => r.CaseId, r => r.Classified!.Value),
                rows.Where(r => r.SignedOff is not null).ToDictionary(r => r.CaseId, r => r.SignedOff!.Value));
    }

    /// <summary>Closed cases that a candidate or a family item (<paramref name="arrivals"/>, read with the other figures) reached after their closure.</summary>
    private static List<Guid> Reopened(IReadOnlyList<Scoped> closed, IReadOnlyList<(Guid CaseId, DateTimeOffset At)> arrivals)
    {
        var closedAt = closed.ToDictionary(c => c.Id, c => c.ClosedAt!.Value);
        return [.. arrivals.Where(x => closedAt.TryGetValue(x.CaseId, out var at) && x.At > at).Select(x => x.CaseId)
            .Concat(closed.Where(c => c.NeedsReview).Select(c => c.Id)).Distinct()];
    }

    private static IEnumerable<ReportFigure> Distribution(string label, IEnumerable<(Guid CaseId, TimeSpan Took)> values, Dictionary<Guid, Scoped> byId)
    {
        var sorted = values.Select(v => (v.CaseId, Hours: v.Took.TotalHours)).OrderBy(v => v.Hours).ToList();
        var median = Median(sorted.Select(v => v.Hours).ToList());
        var p90 = Percentile(sorted.Select(v => v.Hours).ToList(), 0.9);
        yield return Figure($"{label}, median", median is { } m ? Math.Round(m, 1) : null, "hours", sorted.Select(v => v.CaseId), byId);
        yield return Figure($"{label}, 90th percentile", p90 is { } p ? Math.Round(p, 1) : null, "hours",
            sorted.Where(v => v.Hours >= p90).Select(v => v.CaseId), byId);
    }

    public static double? Median(IReadOnlyList<double> sorted) =>
        sorted.Count == 0 ? null : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    public static double? Percentile(IReadOnlyList<double> sorted, double share) =>
        sorted.Count == 0 ? null : sorted[Math.Max(0, (int)Math.Ceiling(share * sorted.Count) - 1)];

    /// <summary>A figure whose cases were counted and listed (at most <see cref="CasesListed"/>) in SQL.</summary>
    private static ReportFigure Figure(string label, double? value, string unit, int caseCount, IReadOnlyList<Guid> listed, Dictionary<Guid, Scoped> byId) =>
        new(label, value, unit, caseCount, [.. listed.Where(byId.ContainsKey).Select(id => new ReportCase(id, byId[id].Reference))]);

    private static ReportFigure Figure(string label, double? value, string unit, IEnumerable<Guid> caseIds, Dictionary<Guid, Scoped> byId)
    {
        var distinct = caseIds.Distinct().Where(byId.ContainsKey).ToList();
        return new ReportFigure(label, value, unit, distinct.Count,
            [.. distinct.Take(CasesListed).Select(id => new ReportCase(id, byId[id].Reference))]);
    }
}
