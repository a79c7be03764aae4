using ReviewWorkflow.Tests;
using ReviewWorkflow.Web.FamilyInformation;
using ReviewWorkflow.Web.Ui;

namespace ReviewWorkflow.Web.Tests.Ui;

/// <summary>What the pages say: UK time with its zone, steps and rules by their titles, a friend as a friend.</summary>
public sealed class PageWordingTests
{
    private static readonly Engine.Definitions.WorkflowDefinition Definition = DefaultWorkflow.Definition;

    [Theory]
    [InlineData("2026-12-07", "2026-12-07T00:00:00Z")]
    [InlineData("2026-07-02", "2026-07-01T23:00:00Z")] // BST: the UK day starts an hour before UTC's
    [InlineData("2026-03-29", "2026-03-29T00:00:00Z")] // the day the clocks go forward starts in GMT
    [InlineData("2026-10-25", "2026-10-24T23:00:00Z")] // the day they go back starts in BST
    public void AReportDayIsTheUkCalendarDay(string day, string startsAt)
    {
        var start = Display.UkDayStart(DateTime.Parse(day, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateTimeOffset.Parse(startsAt, System.Globalization.CultureInfo.InvariantCulture), start);
        Assert.Equal(day, Display.UkDay(start));
        Assert.Equal(day, Display.UkDay(start.AddHours(22).AddMinutes(59))); // the shortest UK day has 23 hours
        Assert.NotEqual(day, Display.UkDay(start.AddMinutes(-1)));
    }

    [Theory]
    [InlineData("2026-12-07T09:15:00Z", "2026-12-07 09:15 GMT")]
    [InlineData("2026-07-01T13:00:00Z", "2026-07-01 14:00 BST")]
    [InlineData("2026-10-25T00:30:00Z", "2026-10-25 01:30 BST")] // the first 01:30 of the night the clocks go back
    [InlineData("2026-10-25T01:30:00Z", "2026-10-25 01:30 GMT")] // and the second
    public void TimesAreShownInUkTimeWithTheirZone(string utc, string shown) =>
        Assert.Equal(shown, Display.Time(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-12-07T09:15", "2026-12-07T09:15:00Z")]
    [InlineData("2026-07-01T14:00", "2026-07-01T13:00:00Z")]
    [InlineData("2026-10-25T01:30", "2026-10-25T00:30:00Z")] // ambiguous: the earlier (BST) reading
    [InlineData("2026-03-29T01:30", "2026-03-29T01:30:00Z")] // skipped when the clocks go forward: read as GMT
    public void TimesTypedOnAFormAreUkTime(string typed, string stored) =>
        Assert.Equal(stored, FormInput.IsoUtc(typed));

    [Theory]
    [InlineData("initial-report: not completed", "Initial report of the discovery is not completed.")]
    [InlineData("supervisor-review: not completed — needs sign-off by a supervisor", "Supervisor review and sign-off is not completed — needs sign-off by a supervisor.")]
    [InlineData("classification: still under-investigation", "Classification of the death: the case is still classified “Unexpected – under investigation”.")]
    [InlineData("only a supervisor may sign off supervisor-review", "Only a supervisor may sign off Supervisor review and sign-off.")]
    [InlineData("family-information: 1 family information item open: FI-1 from Dana Dunn (sister), received 2026-07-01 08:15 UTC",
        "Family and friends information register: 1 family information item open: FI-1 from Dana Dunn (sister), received 2026-07-01 09:15 BST.")]
    public void ReasonsNameStepsByTheirTitles(string reason, string shown) =>
        Assert.Equal(shown, Words.Reason(Definition, reason));

    [Fact]
    public void BlockedStepsWaitForStepsByTheirTitles() =>
        Assert.Equal("Initial report of the discovery (available)", Words.WaitsFor(Definition, "initial-report (available)"));

    [Fact]
    public void ConditionsReadAsSentences()
    {
        Assert.Equal("Only when “A note or document was found” is answered yes in Initial report of the discovery, or the case's markers include “Note found”",
            Words.When(Definition, Definition.FindStep("forensic-documents")!.When!));
        Assert.Equal("Only when the case is linked to another death, or the case's classification is “Homicide (third party likely)”, or a homicide referral was requested",
            Words.When(Definition, Definition.FindStep("homicide-referral")!.When!));
    }

    [Theory]
    [InlineData("sister", "family")]
    [InlineData("Mother", "family")]
    [InlineData("friend", "friend")]
    [InlineData("flatmate", "friend")]
    public void WhoeverGivesInformationIsListedAsFamilyOnlyWhenTheyAre(string relationship, string role) =>
        Assert.Equal(role, FamilyInformationPersons.ProviderRoleFor(relationship));
}
