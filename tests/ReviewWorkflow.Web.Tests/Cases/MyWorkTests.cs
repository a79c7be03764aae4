using System.Text.RegularExpressions;
using ReviewWorkflow.Web.Tests.FamilyInformation;
using ReviewWorkflow.Web.Tests.Security;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Cases;

/// <summary>My work's summary line counts what its list shows: every item, and every overdue one.</summary>
public sealed partial class MyWorkTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    [Fact]
    public async Task TheCountsToDoAndOverdueAreTheItemsListedAndThoseMarkedOverdue()
    {
        // Team west, in this class's own database: its lists hold only this test's work, fewer than a page.
        var officer = await app.WestOfficerAsync();
        var first = (await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase())).Id();
        await officer.CompleteAsync(first, "initial-report", ProcedureWalk.Answers("initial-report")).OkAsync();
        // A friend's information after the step is done, received an hour before it was logged: due 72 hours from receipt.
        await officer.LoggedAsync(first, Register.Item(app.Clock.GetUtcNow().AddHours(-1)));
        app.Clock.Advance(TimeSpan.FromDays(3)); // the first case's early steps and its item are overdue
        officer = await app.WestOfficerAsync();
        var second = (await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase())).Id(); // the second's are not yet
        await officer.LoggedAsync(second, Register.Item(app.Clock.GetUtcNow()));

        var page = await (await PageSession.SignedInAsync(app, "officer.west@demo.local")).GetStringAsync("/");
        var summary = Summary().Match(page);
        Assert.True(summary.Success, "no summary line on My work");
        var list = page[page.IndexOf("<ul class=\"work\"", StringComparison.Ordinal)..];
        list = list[..list.IndexOf("</ul>", StringComparison.Ordinal)];
        var (total, overdue) = (int.Parse(summary.Groups[1].Value), int.Parse(summary.Groups[2].Value));
        Assert.Equal(Regex.Count(list, "<li "), total);
        Assert.Equal(Regex.Count(list, ">Overdue<"), overdue);
        Assert.InRange(overdue, 1, total - 1); // both kinds, so the two counts are told apart
        var items = list.Split("<li ").Where(i => i.Contains("Family information")).ToList();
        Assert.Equal(2, items.Count);
        Assert.Single(items, i => i.Contains(">Overdue<"));
    }

    [GeneratedRegex(@"<p>(\d+) to do, (\d+) overdue\. Most urgent first\.</p>")]
    private static partial Regex Summary();
}
