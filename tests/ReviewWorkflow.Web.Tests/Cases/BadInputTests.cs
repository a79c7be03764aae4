using System.Net;
using System.Net.Http.Json;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Cases;

/// <summary>Every kind of bad input gets a precise problem and leaves the database as it was.</summary>
public sealed class BadInputTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    [Theory]
    [InlineData("{\"deceased\": ", "")]
    [InlineData("{\"deceased\": {\"name\": \"x\", \"ageYears\": \"old\", \"sex\": \"male\"}}", "$.deceased.ageYears")]
    [InlineData("{\"deceased\": {\"name\": \"x\", \"ageYears\": 3, \"sex\": \"male\"}, \"colour\": \"red\"}", "colour")]
    [InlineData("[1, 2]", "")]
    public async Task UnreadableJsonIsA400NamingWhereItBroke(string body, string mentioned)
    {
        var officer = await app.OfficerAsync();
        var before = await app.SnapshotAsync();

        var problem = await (await officer.PostRawAsync("/api/cases", body)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(mentioned, problem.GetRawText());
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task ImpossibleFactsAreRefusedFieldByField()
    {
        var officer = await app.OfficerAsync();
        var before = await app.SnapshotAsync();

        var response = await officer.PostAsJsonAsync("/api/cases", new
        {
            deceased = new { name = "", ageYears = -4, sex = "robot" },
            foundAt = "2099-01-01T00:00:00Z",
            location = new { description = "", latitude = 123.0, longitude = 0.0 },
            persons = new[] { new { name = "A", role = "bystander" } },
            workflow = "unexplained-death",
        });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal("required", errors.GetProperty("deceased.name")[0].GetString());
        Assert.Equal("must be between 0 and 130", errors.GetProperty("deceased.ageYears")[0].GetString());
        Assert.StartsWith("must be one of", errors.GetProperty("deceased.sex")[0].GetString());
        Assert.Equal("cannot be in the future", errors.GetProperty("foundAt")[0].GetString());
        Assert.Equal("must be between -90 and 90", errors.GetProperty("location.latitude")[0].GetString());
        Assert.StartsWith("must be one of", errors.GetProperty("persons[0].role")[0].GetString());
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task AStepThatDoesNotExistIs404()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        var before = await app.SnapshotAsync();

        var problem = await (await officer.CompleteAsync(id, "no-such-step", new { fields = new { } })).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains("no-such-step", problem.GetProperty("detail").GetString());
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task CompletingABlockedStepIsAConflictNamingWhatItWaitsFor()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        var before = await app.SnapshotAsync();

        var problem = await (await officer.CompleteAsync(id, "intelligence-checks", new
        {
            fields = new { personsChecked = new[] { "caller" }, systemsSearched = new[] { "PNC" }, results = "nothing known on any system" },
        })).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("initial-report", problem.GetProperty("detail").GetString());
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task MissingAndMistypedStepFieldsAreNamed()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        var before = await app.SnapshotAsync();

        var problem = await (await officer.CompleteAsync(id, "initial-report", new
        {
            fields = new { scenePreserved = "yes", colour = "red" },
        })).ProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("fields.scenePreserved", out _));
        Assert.True(errors.TryGetProperty("fields.colour", out _));
        Assert.True(errors.TryGetProperty("fields.foundBy", out _));
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task ABodyInTheWrongContentTypeIsRefused()
    {
        var officer = await app.OfficerAsync();
        var response = await officer.PostRawAsync("/api/cases", "name=x", "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }
}
