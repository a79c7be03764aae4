using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Definitions;
using ReviewWorkflow.Engine.Evaluation;
using static ReviewWorkflow.Engine.Tests.Commands.Outcomes;
using static ReviewWorkflow.Engine.Tests.Evaluation.TestCase;

namespace ReviewWorkflow.Engine.Tests.Evaluation;

/// <summary>
/// The family-information register (F5, F9): open for the life of the case, each item with its own
/// deadline, and every gate naming the item that is still waiting for an answer.
/// </summary>
public sealed class FamilyRegisterTests
{
    private static readonly OpenFamilyItem DanaItem = new("FI-3", "Dana Dunn (sister)", At(20), At(92));

    private static TestCase WithOpenItem(TestCase @case) =>
        @case.WithFacts(f => f with { OpenFamilyItems = 1, OpenFamilyItemList = [DanaItem] });

    private const string DanaLine =
        "family-information: 1 family information item open: FI-3 from Dana Dunn (sister), received 2024-06-01 23:30 UTC, due 2024-06-04 23:30 UTC";

    [Fact]
    public void RegisterHasNoDeadlineOfItsOwnSoItNeverEscalatesAsAStep()
    {
        var @case = new TestCase();

        Assert.Null(@case.Status("family-information").DueAt);
        Assert.DoesNotContain(DueEscalations.Of(@case.Definition, @case.State, Opened.AddYears(1), new HashSet<(string, int)>()),
            d => d.StepKey == "family-information");
    }

    [Fact]
    public void ConfirmedRegisterIsReopenedByANewItemAndStandsAgainOnceItIsAnswered()
    {
        var confirmed = new TestCase().Completed("family-information", atHours: 2);
        Assert.Equal(StepState.Completed, confirmed.Status("family-information").State);

        var reopened = WithOpenItem(confirmed);
        Assert.Equal(StepState.Available, reopened.Status("family-information").State);

        var answered = reopened.WithFacts(f => f with { OpenFamilyItems = 0, OpenFamilyItemList = [] });
        Assert.Equal(StepState.Completed, answered.Status("family-information").State);
    }

    [Fact]
    public void ReopenedRegisterIsListedByItsItemNotAsUncompleted()
    {
        var unmet = WithOpenItem(new TestCase().Completed("family-information")).Evaluate().Unmet;

        Assert.Contains(DanaLine, unmet);
        Assert.DoesNotContain("family-information: not completed", unmet);
    }

    [Fact]
    public void ClosureIsRefusedNamingTheOpenItem()
    {
        var @case = WithOpenItem(ReadyToClose());

        var reason = SingleReason(Procedure.Close(@case.Definition, @case.State, "All enquiries complete.", Officer, At(10)), RefusalKind.Conflict);

        Assert.Equal(DanaLine, reason);
    }

    [Fact]
    public void NotSuspiciousIsRefusedNamingTheOpenItemButHomicideIsNot()
    {
        var @case = WithOpenItem(new TestCase().AllWorkDone().Approved());

        var reason = SingleReason(Procedure.Classify(@case.Definition, @case.State, "not-suspicious", ValidInput.ClassificationRationale, Officer, At(8)),
            RefusalKind.Conflict);
        Assert.Equal(DanaLine, reason);

        var homicide = WithOpenItem(new TestCase().Completed("initial-report"));
        Assert.IsType<Accepted>(Procedure.Classify(homicide.Definition, homicide.State, "homicide", ValidInput.ClassificationRationale, Officer, At(8)));
    }

    [Fact]
    public void RegisterCannotBeConfirmedWhileAnItemIsOpenAndTheRefusalNamesIt()
    {
        var @case = WithOpenItem(new TestCase());

        var reason = SingleReason(Procedure.Complete(@case.Definition, @case.State, "family-information", ValidInput.Json("{}"), null, Officer, At(3)),
            RefusalKind.Conflict);

        Assert.Equal("1 family information item open: FI-3 from Dana Dunn (sister), received 2024-06-01 23:30 UTC, due 2024-06-04 23:30 UTC", reason);
    }

    [Fact]
    public void ClosedCaseStillListsInformationReceivedAfterClosure()
    {
        var @case = ReadyToClose();
        @case.Apply(Procedure.Close(@case.Definition, @case.State, "All enquiries complete.", Officer, At(10)));

        Assert.Empty(@case.Evaluate().Unmet);
        Assert.Equal([DanaLine], WithOpenItem(@case).Evaluate().Unmet);
        Assert.False(WithOpenItem(@case).Evaluate().CanClose);
    }

    [Fact]
    public void LiaisonContactIsAUserFieldGivenAsText()
    {
        var step = TestDefinitions.UnexplainedDeath().FindStep("family-notification")!;
        Assert.Equal(FieldType.User, step.FindField("liaisonContact")!.Type);

        var (values, _) = FieldCodec.Parse(step, ValidInput.Json("""{"liaisonContact":" flo@demo.local "}"""));
        Assert.Equal(new TextValue("flo@demo.local"), values["liaisonContact"]);

        var (_, errors) = FieldCodec.Parse(step, ValidInput.Json("""{"liaisonContact":42}"""));
        Assert.Equal(["must be a user of the case's team: their email or user id"], errors["fields.liaisonContact"]);

        var (_, blank) = FieldCodec.Parse(step, ValidInput.Json("""{"liaisonContact":"  "}"""));
        Assert.Equal(["required"], blank["fields.liaisonContact"]);
    }
}
