using ReviewWorkflow.Engine.Definitions;
using ReviewWorkflow.Engine.Evaluation;
using static ReviewWorkflow.Engine.Tests.Evaluation.TestCase;
using static ReviewWorkflow.Engine.Tests.Evaluation.TestDefinitions;

namespace ReviewWorkflow.Engine.Tests.Evaluation;

public sealed class EscalationTests
{
    private static readonly HashSet<(string, int)> NoneRecorded = [];

    /// <summary>One four-hour step on the default ladder: deadline at opening + 4 h.</summary>
    private static TestCase Single() => new(Workflow(Step("initial-report", due: Hours(4))));

    private static IReadOnlyList<DueEscalation> Due(TestCase @case, DateTimeOffset now, IReadOnlySet<(string, int)>? recorded = null) =>
        DueEscalations.Of(@case.Definition, @case.State, now, recorded ?? NoneRecorded);

    [Fact]
    public void NothingIsDueBeforeTheDeadline()
    {
        Assert.Empty(Due(Single(), Opened.AddHours(4).AddTicks(-1)));
    }

    [Fact]
    public void AssigneeIsDueExactlyAtTheDeadline()
    {
        var due = Assert.Single(Due(Single(), Opened.AddHours(4)));

        Assert.Equal(new DueEscalation("initial-report", 1, "assignee", Opened.AddHours(4), TimeSpan.Zero), due);
    }

    [Fact]
    public void SupervisorIsDueTwelveHoursAfterTheDeadline()
    {
        Assert.Equal([1], Due(Single(), Opened.AddHours(16).AddTicks(-1)).Select(d => d.Level));

        var due = Due(Single(), Opened.AddHours(16));

        Assert.Equal([1, 2], due.Select(d => d.Level));
        Assert.Equal("supervisor", due[1].Notify);
        Assert.All(due, d => Assert.Equal(Hours(12), d.Overdue));
        Assert.All(due, d => Assert.Equal(Opened.AddHours(4), d.DueAt));
    }

    [Fact]
    public void InspectorIsDueFortyEightHoursAfterTheDeadline()
    {
        Assert.Equal([1, 2], Due(Single(), Opened.AddHours(52).AddTicks(-1)).Select(d => d.Level));

        var due = Due(Single(), Opened.AddHours(52));

        Assert.Equal([1, 2, 3], due.Select(d => d.Level));
        Assert.Equal("inspector", due[2].Notify);
    }

    [Fact]
    public void RecordedLevelsAreNotDueAgain()
    {
        var due = Due(Single(), Opened.AddHours(60), new HashSet<(string, int)> { ("initial-report", 1), ("initial-report", 2) });

        Assert.Equal([3], due.Select(d => d.Level));
    }

    [Fact]
    public void LevelRecordedForAnotherStepDoesNotSilenceThisOne()
    {
        var due = Due(Single(), Opened.AddHours(4), new HashSet<(string, int)> { ("linkage-check", 1) });

        Assert.Single(due);
    }

    [Fact]
    public void CompletedStepStopsTheLadder()
    {
        Assert.Empty(Due(Single().Completed("initial-report", atHours: 20), Opened.AddHours(100)));
    }

    [Fact]
    public void ClosedCaseEscalatesNothing()
    {
        Assert.Empty(Due(new TestCase().MarkClosed(), Opened.AddDays(30)));
    }

    [Fact]
    public void NotApplicableStepEscalatesNothing()
    {
        var due = Due(new TestCase().Completed("initial-report"), Opened.AddDays(30));

        Assert.DoesNotContain(due, d => d.StepKey is "forensic-documents" or "homicide-referral");
    }

    [Fact]
    public void BlockedStepEscalatesFromOpeningLikeAnyOther()
    {
        var due = Due(new TestCase(), Opened.AddHours(24));

        Assert.Contains(due, d => d is { StepKey: "intelligence-checks", Level: 1 });
        Assert.Contains(due, d => d is { StepKey: "linkage-check", Level: 1 });
    }

    [Fact]
    public void ReturnedStepEscalatesFromItsFreshDeadline()
    {
        var @case = Single().Completed("initial-report", atHours: 1).Returned("initial-report", "Incomplete", atHours: 100);

        Assert.Empty(Due(@case, At(104).AddTicks(-1)));
        var due = Assert.Single(Due(@case, At(104)));
        Assert.Equal(At(104), due.DueAt);
    }

    [Fact]
    public void StepWithItsOwnLadderUsesIt()
    {
        var ladder = new[] { new EscalationRung(1, Hours(1), "supervisor") };
        var @case = new TestCase(Workflow(Step("urgent", due: Hours(1), escalation: ladder)));

        Assert.Empty(Due(@case, Opened.AddHours(2).AddTicks(-1)));
        var due = Assert.Single(Due(@case, Opened.AddHours(200)));
        Assert.Equal(("urgent", 1, "supervisor"), (due.StepKey, due.Level, due.Notify));
    }

    [Fact]
    public void StepWithoutDeadlineNeverEscalates()
    {
        var @case = new TestCase(Workflow(Step("whenever")));

        Assert.Empty(Due(@case, Opened.AddYears(1)));
    }

    [Fact]
    public void DueRungsForARegisterItemFollowItsOwnDeadline()
    {
        var itemDue = At(80);

        Assert.Empty(EscalationLadder.DueLevels(UnexplainedDeath().Escalation, itemDue, At(80).AddTicks(-1), new HashSet<int>()));
        Assert.Equal([1], EscalationLadder.DueLevels(UnexplainedDeath().Escalation, itemDue, At(80), new HashSet<int>()).Select(r => r.Level));
        Assert.Equal([1, 2, 3], EscalationLadder.DueLevels(UnexplainedDeath().Escalation, itemDue, At(128), new HashSet<int>()).Select(r => r.Level));
        Assert.Equal([2], EscalationLadder.DueLevels(UnexplainedDeath().Escalation, itemDue, At(127), new HashSet<int> { 1 }).Select(r => r.Level));
    }
}

public sealed class EscalationLadderTests
{
    private static readonly DateTimeOffset Due = At(10);

    [Fact]
    public void NextEscalationIsTheEarliestLevelNotRecorded()
    {
        Assert.Equal(Due, EscalationLadder.NextAt(UnexplainedDeath().Escalation, Due, new HashSet<int>()));
        Assert.Equal(Due.AddHours(12), EscalationLadder.NextAt(UnexplainedDeath().Escalation, Due, new HashSet<int> { 1 }));
        Assert.Null(EscalationLadder.NextAt(UnexplainedDeath().Escalation, Due, new HashSet<int> { 1, 2, 3 }));
    }

    [Fact]
    public void AStoredScheduleIsKeptWhileTheDeadlineStandsAndRestartedWhenItMoves()
    {
        var status = new TestCase().Status("initial-report");
        var swept = Opened.AddHours(16);

        Assert.Equal(swept, EscalationLadder.NextAfterChange(status, wasEscalating: true, status.DueAt, swept));
        Assert.Equal(status.EscalationStartsAt, EscalationLadder.NextAfterChange(status, wasEscalating: true, status.DueAt!.Value.AddHours(-1), swept));
        Assert.Equal(status.EscalationStartsAt, EscalationLadder.NextAfterChange(status, wasEscalating: false, status.DueAt, null));
        Assert.Null(EscalationLadder.NextAfterChange(new TestCase().Completed("initial-report").Status("initial-report"), true, status.DueAt, swept));
    }
}
