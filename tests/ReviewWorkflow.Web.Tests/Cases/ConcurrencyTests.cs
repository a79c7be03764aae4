using System.Net;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Cases;

public sealed class ConcurrencyTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    [Fact]
    public async Task TwoConcurrentCompletionsOfOneStepGiveOneSuccessAndOneConflict()
    {
        var first = await app.OfficerAsync();
        var second = await app.Officer2Async();
        var id = (await first.CreateCaseAsync()).Id();

        var responses = await Task.WhenAll(
            first.CompleteAsync(id, "initial-report", Api.InitialReport),
            second.CompleteAsync(id, "initial-report", Api.InitialReport));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var completions = app.WithDb(db => db.CaseActivities.Count(a => a.CaseId == Guid.Parse(id) && a.StepKey == "initial-report"));
        Assert.Equal(1, completions);
    }
}
