using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewWorkflow.Web.Tests.Linkage;
using ReviewWorkflow.Web.Tests.Support;
using Xunit.Abstractions;

namespace ReviewWorkflow.Web.Tests.Security;

/// <summary>
/// Races on one case, repeated: competing dispositions of one linkage candidate, competing
/// sign-offs, and closure fired together with the sign-off and classification it depends on. Never
/// a server error; one winner where only one can win; and afterwards a state the engine accepts.
/// </summary>
public sealed class ConcurrencyTrialsTests(ReviewApp app, ITestOutputHelper output) : IClassFixture<ReviewApp>
{
    private const int Trials = 20;
    private HttpClient? _admin;

    [Fact]
    public async Task ParallelDispositionsOfOneCandidateLeaveExactlyOneDisposition()
    {
        var officers = new[] { await app.OfficerAsync(), await app.Officer2Async(), await app.SupervisorAsync() };
        var conflicts = 0;
        for (var trial = 0; trial < Trials; trial++)
        {
            var place = LinkageCases.NewPlace();
            var earlier = (await officers[0].CreateCaseAsync(LinkageCases.Death(place, "2011-03-01T07:00:00Z", "Race Earlier"))).Id();
            var later = (await officers[0].CreateCaseAsync(LinkageCases.Death(place, "2011-03-20T07:00:00Z", "Race Later"))).Id();

            var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
                officers[i % officers.Length].DisposeAsync(later, earlier, i % 2 == 0 ? "not-linked" : "linked", $"Decision {i}: reasons written down.")));

            var statuses = responses.Select(r => r.StatusCode).ToList();
            Assert.DoesNotContain(statuses, s => (int)s >= 500);
            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
            foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK)) await refused.ProblemAsync(HttpStatusCode.Conflict);
            conflicts += statuses.Count(s => s == HttpStatusCode.Conflict);

            var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.OK).Content.ReadFromJsonAsync<JsonElement>();
            var stored = (await officers[0].LinkageAsync(later)).CandidateFor(earlier)!.Value.GetProperty("disposition");
            Assert.Equal(winner.GetProperty("disposition").GetProperty("decision").GetString(), stored.GetProperty("decision").GetString());
            Assert.Equal(1, await CountAuditAsync(officers[0], later, "linkage.dispositioned"));
            await AssertConsistentAsync(officers[0], later);
        }
        output.WriteLine($"{Trials} trials × 8 dispositions: {Trials} successes, {conflicts} conflicts");
    }

    [Fact]
    public async Task ParallelSignOffsHaveOneWinnerAndLeaveTheStepCompletedOrReturned()
    {
        var officer = await app.OfficerAsync();
        var reviewers = new[] { await app.SupervisorAsync(), await app.InspectorAsync() };
        var conflicts = 0;
        for (var trial = 0; trial < Trials; trial++)
        {
            var id = (await officer.ToReadyForSignOffAsync()).Id();
            var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => i % 2 == 0
                ? reviewers[i / 2 % 2].SignOffAsync(id, "approve")
                : reviewers[i / 2 % 2].SignOffAsync(id, "return", "The intelligence checks missed the finder.", ["intelligence-checks"])));

            var statuses = responses.Select(r => r.StatusCode).ToList();
            Assert.DoesNotContain(statuses, s => (int)s >= 500);
            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
            foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK)) await refused.ProblemAsync(HttpStatusCode.Conflict);
            conflicts += statuses.Count(s => s == HttpStatusCode.Conflict);

            var c = await officer.GetCaseAsync(id);
            var approved = c.StateOf("supervisor-review") == "completed";
            Assert.True(approved || c.StateOf("intelligence-checks") == "returned", $"neither approved nor returned: {c}");
            Assert.Equal(1, await CountAuditAsync(officer, id, approved ? "step.signed-off" : "step.returned"));
            await AssertConsistentAsync(officer, id);
        }
        output.WriteLine($"{Trials} trials × 6 sign-offs: {Trials} successes, {conflicts} conflicts");
    }

    /// <summary>
    /// Closure is fired in every round together with whatever it still waits for (the sign-off, the
    /// classification), until it succeeds: it may win only once both have committed.
    /// </summary>
    [Fact]
    public async Task ClosureRacingTheLastSignOffAndClassificationNeverClosesAnUnfinishedCase()
    {
        var officer = await app.OfficerAsync();
        var (officer2, supervisor) = (await app.Officer2Async(), await app.SupervisorAsync());
        var (conflicts, refusedClosures, rounds) = (0, 0, 0);
        for (var trial = 0; trial < Trials; trial++)
        {
            var id = (await officer.ToReadyForSignOffAsync()).Id();
            var (signedOff, classified, approved, closed) = (false, false, false, false);
            while (!closed)
            {
                Assert.True(++rounds < Trials * 10, "closure never succeeded");
                var commands = new List<(string What, Task<HttpResponseMessage> Call)>
                {
                    ("close", officer.CloseAsync(id)),
                    ("close", officer2.CloseAsync(id)),
                };
                if (!signedOff) commands.Add(("sign-off", supervisor.SignOffAsync(id, "approve")));
                if (!classified) commands.Add(("classify", officer.ClassifyAsync(id, "not-suspicious")));
                // The classification's own review (F7) can only be given once it is made: it races the closure from the next round.
                if (classified && !approved) commands.Add(("approve-classification", supervisor.ApproveClassificationAsync(id)));
                await Task.WhenAll(commands.Select(c => c.Call));

                foreach (var (what, call) in commands)
                {
                    var response = await call;
                    Assert.True((int)response.StatusCode < 500, $"{what}: {(int)response.StatusCode}");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        if (what == "close")
                        {
                            // It won: what it depends on had committed before it (in an earlier round, or this one).
                            Assert.False(closed, "two closures succeeded");
                            closed = true;
                        }
                        signedOff |= what == "sign-off";
                        classified |= what == "classify";
                        approved |= what == "approve-classification";
                        continue;
                    }
                    await response.ProblemAsync(HttpStatusCode.Conflict);
                    conflicts++;
                    if (what == "close") refusedClosures++;
                }
                var c = await officer.GetCaseAsync(id);
                Assert.Equal(closed ? "closed" : "open", c.GetProperty("status").GetString());
                await AssertConsistentAsync(officer, id);
            }
            Assert.Equal(1, await CountAuditAsync(officer, id, "case.closed"));
        }
        output.WriteLine($"{Trials} closures in {rounds} rounds; {conflicts} conflicts, {refusedClosures} of them refused closures");
    }

    /// <summary>The invariants the engine relies on, read back through the API; and the audit chain intact.</summary>
    private async Task AssertConsistentAsync(HttpClient client, string id)
    {
        var c = await client.GetCaseAsync(id);
        if (c.GetProperty("status").GetString() == "closed")
        {
            var unfinished = c.GetProperty("steps").EnumerateArray()
                .Where(s => s.GetProperty("state").GetString() is not ("completed" or "not-applicable")).Select(s => s.GetProperty("key").GetString()).ToList();
            Assert.True(unfinished.Count == 0, "closed with unfinished steps: " + string.Join(", ", unfinished));
            Assert.Equal("not-suspicious", c.GetProperty("classification").GetString());
            Assert.Equal(2, await CountAuditAsync(client, id, "step.signed-off")); // the work's, then the classification's (F7), each once
        }
        var candidates = (await client.LinkageAsync(id)).Candidates();
        Assert.Equal(candidates.Count, candidates.Select(x => x.GetProperty("caseId").GetString()).Distinct().Count());
        _admin ??= await app.AdminAsync();
        var verify = await _admin.GetFromJsonAsync<JsonElement>("/api/audit/verify");
        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
    }

    private static async Task<int> CountAuditAsync(HttpClient client, string id, string action) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/audit")).EnumerateArray().Count(e => e.GetProperty("action").GetString() == action);
}
