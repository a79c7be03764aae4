using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Evaluation;
using ReviewWorkflow.Engine.Tests.Evaluation;
using static ReviewWorkflow.Engine.Tests.Evaluation.TestCase;

namespace ReviewWorkflow.Engine.Tests.Commands;

/// <summary>A step waiting on toxicology is paused by its officer, approved by a supervisor; its deadline restarts from the expected date.</summary>
public sealed class PauseTests
{
    private const string Step = "post-mortem-toxicology";
    private const string Reason = "Toxicology results are with the forensic laboratory.";
    private static readonly DateTimeOffset Until = At(24 * 20);

    private static TestCase Requested(TestCase? c = null)
    {
        c ??= new TestCase();
        return c.Apply(Pauses.Request(c.Definition, c.State, Step, Reason, Until, Officer, At(10)));
    }

    [Fact]
    public void AnApprovedPauseMovesTheDeadlineToTheExpectedDateAndAPendingOneDoesNot()
    {
        var c = new TestCase();
        var due = c.Status(Step).DueAt;

        Requested(c);
        var pending = c.Status(Step);
        c.Apply(Pauses.Decide(c.Definition, c.State, Step, StepPause.Approve, "Agreed: the lab's queue is six weeks.", Supervisor, At(11)));
        var paused = c.Status(Step);

        Assert.Equal(due, pending.DueAt);
        Assert.True(pending.Pause!.Pending);
        Assert.True(paused.Pause!.PausedAt(At(12)));
        Assert.Equal(Until + TimeSpan.FromDays(7), paused.DueAt);
        // The ladder stops meanwhile: due escalations are computed from the new deadline.
        Assert.DoesNotContain(DueEscalations.Of(c.Definition, c.State, At(24 * 15), new HashSet<(string, int)>()), d => d.StepKey == Step);
        Assert.Contains(DueEscalations.Of(new TestCase().Definition, new TestCase().State, At(24 * 15), new HashSet<(string, int)>()), d => d.StepKey == Step);
    }

    [Fact]
    public void EndingThePauseEarlyRestartsTheDeadlineFromThen()
    {
        var c = Requested();
        c.Apply(Pauses.Decide(c.Definition, c.State, Step, StepPause.Approve, null, Supervisor, At(11)));

        c.Apply(Pauses.End(c.Definition, c.State, Step, Officer, At(48)));

        Assert.Equal(At(48) + TimeSpan.FromDays(7), c.Status(Step).DueAt);
        Assert.False(c.Status(Step).Pause!.PausedAt(At(49)));
    }

    [Fact]
    public void ARefusedPauseLeavesTheDeadlineAndTheOfficerMayAskAgain()
    {
        var c = Requested();
        var due = new TestCase().Status(Step).DueAt;

        c.Apply(Pauses.Decide(c.Definition, c.State, Step, StepPause.Refuse, "Chase the lab instead.", Supervisor, At(11)));

        Assert.Equal(due, c.Status(Step).DueAt);
        Assert.Null(c.Status(Step).Pause);
        Assert.IsType<Accepted>(Pauses.Request(c.Definition, c.State, Step, Reason, Until, Officer, At(12)));
    }

    [Fact]
    public void BadRequestsAndTheWrongPeopleAreRefused()
    {
        var c = new TestCase();

        var noReason = Assert.IsType<Refused>(Pauses.Request(c.Definition, c.State, Step, " ", Until, Officer, At(10)));
        var past = Assert.IsType<Refused>(Pauses.Request(c.Definition, c.State, Step, Reason, At(9), Officer, At(10)));
        var nothingToDecide = Assert.IsType<Refused>(Pauses.Decide(c.Definition, c.State, Step, StepPause.Approve, null, Supervisor, At(10)));
        Requested(c);
        var twice = Assert.IsType<Refused>(Pauses.Request(c.Definition, c.State, Step, Reason, Until, Officer, At(10)));
        var byOfficer = Assert.IsType<Refused>(Pauses.Decide(c.Definition, c.State, Step, StepPause.Approve, null, OtherOfficer, At(11)));
        var notPaused = Assert.IsType<Refused>(Pauses.End(c.Definition, c.State, Step, Officer, At(11)));

        Assert.Equal(["reason"], noReason.FieldErrors.Keys);
        Assert.Equal(["until"], past.FieldErrors.Keys);
        Assert.Equal(RefusalKind.Conflict, nothingToDecide.Kind);
        Assert.Equal(RefusalKind.Conflict, twice.Kind);
        Assert.Equal(RefusalKind.Forbidden, byOfficer.Kind);
        Assert.Equal(RefusalKind.Conflict, notPaused.Kind);
    }

    [Fact]
    public void CompletingThePausedStepEndsItsPause()
    {
        var c = Requested();
        c.Apply(Pauses.Decide(c.Definition, c.State, Step, StepPause.Approve, null, Supervisor, At(11)));

        c.Completed(Step, atHours: 30);

        Assert.Null(c.Status(Step).Pause);
    }

    [Fact]
    public void NothingAboutAPauseChangesOnAClosedCase()
    {
        // A pause asked for before closure and decided after it: the decision, and any new request or end, come too late.
        var c = Requested();
        c.MarkClosed();

        var decided = Assert.IsType<Refused>(Pauses.Decide(c.Definition, c.State, Step, StepPause.Approve, null, Supervisor, At(11)));
        var asked = Assert.IsType<Refused>(Pauses.Request(c.Definition, c.State, Step, Reason, Until, Officer, At(12)));
        var ended = Assert.IsType<Refused>(Pauses.End(c.Definition, c.State, Step, Officer, At(12)));

        Assert.All(new[] { decided, asked, ended }, r => Assert.Equal(["the case is closed"], r.Reasons));
    }

    [Fact]
    public void ASecondPauseAskedForKeepsTheDeadlineTheFirstGaveUntilItIsApproved()
    {
        var c = Requested();
        c.Apply(Pauses.Decide(c.Definition, c.State, Step, StepPause.Approve, null, Supervisor, At(11)));
        c.Apply(Pauses.End(c.Definition, c.State, Step, Officer, At(48)));
        var afterFirst = c.Status(Step).DueAt;
        Assert.Equal(At(48) + TimeSpan.FromDays(7), afterFirst);

        c.Apply(Pauses.Request(c.Definition, c.State, Step, Reason, At(24 * 30), Officer, At(50)));
        Assert.Equal(afterFirst, c.Status(Step).DueAt);
        c.Apply(Pauses.Decide(c.Definition, c.State, Step, StepPause.Refuse, null, Supervisor, At(51)));
        Assert.Equal(afterFirst, c.Status(Step).DueAt);

        c.Apply(Pauses.Request(c.Definition, c.State, Step, Reason, At(24 * 30), Officer, At(52)));
        c.Apply(Pauses.Decide(c.Definition, c.State, Step, StepPause.Approve, null, Supervisor, At(53)));
        Assert.Equal(At(24 * 30) + TimeSpan.FromDays(7), c.Status(Step).DueAt);
    }
}
