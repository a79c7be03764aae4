using System.Net;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Cases;

public sealed class ParallelCompletionTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    [Fact]
    public async Task FiftyParallelCompletionsOfOneStepGiveExactlyOneSuccessAnd49Conflicts()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => officer.CompleteAsync(id, "initial-report", Api.InitialReport)));

        var statuses = responses.GroupBy(r => r.StatusCode).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1, statuses.GetValueOrDefault(HttpStatusCode.OK));
        Assert.Equal(49, statuses.GetValueOrDefault(HttpStatusCode.Conflict));
        Assert.Equal(1, app.WithDb(db => db.CaseActivities.Count(a => a.CaseId == Guid.Parse(id))));
        Assert.Equal(2, app.WithDb(db => db.AuditEvents.Count(e => e.CaseId == Guid.Parse(id))));
    }
}
