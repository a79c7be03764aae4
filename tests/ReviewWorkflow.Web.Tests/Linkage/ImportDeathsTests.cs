using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReviewWorkflow.Web.Audit;
using ReviewWorkflow.Web.Data;
using ReviewWorkflow.Web.Linkage;
using ReviewWorkflow.Web.Tests.Support;
using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Web.Tests.Linkage;

public sealed class ImportDeathsTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    private const string Header = "reference,found_at,latitude,longitude,sex,age_years,name,location,circumstances,substances,markers,persons,team,classification,closed_at";

    // The second record spans two lines (a quoted line break), so the bad rows are on lines 4 and 5.
    private static readonly string BadFile = string.Join('\n',
        Header,
        "HX-T-1,2013-03-01T10:00:00Z,53.48,-2.24,male,30,unknown,Manchester,\"found at home,\nby a neighbour\",alcohol,,finder|Kim Grant|07544 538485,,,",
        "HX-T-2,2013-04-01T10:00:00Z,123.5,-2.24,female,41,unknown,Manchester,found in a park,,,,,,",
        "HX-T-3,yesterday,53.48,-2.24,male,30,unknown,Manchester,found in a car,,,,,,",
        "HX-T-4,2013-05-01T10:00:00Z,53.47,-2.23,robot,30,unknown,Manchester,found in a car,,,,,,") + "\n";

    [Fact]
    public async Task ImportRejectsAFileWithBadRowsNamingLineAndColumnAndImportsNothing()
    {
        var before = await app.SnapshotAsync();

        var (code, output) = await ImportAsync(BadFile, skipInvalid: false);

        Assert.Equal(1, code);
        Assert.Contains("line 4: latitude: must be between -90 and 90", output);
        Assert.Contains("line 5: found_at: 'yesterday' is not a date and time", output);
        Assert.Contains("line 6: sex: must be one of", output);
        Assert.Contains("3 bad row(s): nothing imported", output);
        await app.AssertUnchangedSinceAsync(before);
        Assert.Equal(0, app.WithDb(db => db.Cases.Count(c => c.Reference.StartsWith("HX-T-"))));
    }

    [Fact]
    public async Task SkipInvalidImportsTheGoodRowsAsClosedHistoricalCasesAndListsTheRest()
    {
        var (code, output) = await ImportAsync(BadFile.Replace("HX-T-", "HX-S-"), skipInvalid: true);

        Assert.Equal(0, code);
        Assert.Contains("line 4: latitude: must be between -90 and 90", output);
        Assert.Contains("imported 1 historical deaths", output);
        Assert.Contains("skipped 3 bad row(s)", output);
        var imported = app.WithDb(db => db.Cases.Where(c => c.Reference.StartsWith("HX-S-")).Select(c => new { c.Reference, c.Status, c.Circumstances, c.SubstanceFamilies }).ToList());
        var one = Assert.Single(imported);
        Assert.Equal("HX-S-1", one.Reference);
        Assert.Equal(ReviewWorkflow.Web.Cases.CaseStatus.Closed, one.Status);
        Assert.Equal("found at home,\nby a neighbour", one.Circumstances);
        Assert.Equal(["alcohol"], one.SubstanceFamilies);
        Assert.Contains("deaths.imported", app.WithDb(db => db.AuditEvents.Select(e => e.Action).ToList()));
    }

    [Fact]
    public async Task TheSampleSeriesTakesPartInLinkageAndGoesBackOnTheReviewList()
    {
        var seeds = RepositoryFolders.Find("seeds") ?? throw new InvalidOperationException("no seeds/ folder");
        var (code, output) = await ImportAsync(await File.ReadAllTextAsync(Path.Combine(seeds, "historical-deaths.csv")), skipInvalid: false);
        Assert.True(code == 0, output);
        Assert.Contains("imported 50 historical deaths", output);

        var officer = await app.OfficerAsync();
        var later = (await officer.CreateCaseAsync(new
        {
            deceased = new { name = "unknown", ageYears = 24, sex = "male" },
            foundAt = "2015-10-02T06:00:00Z",
            location = new { description = "churchyard, St Margaret's", latitude = 51.5370, longitude = 0.0793 },
            circumstances = "found sitting against the churchyard wall",
            substances = new[] { "G" },
            markers = new[] { "found-outdoors", "phone-missing", "posed" },
            persons = Array.Empty<object>(),
            workflow = "unexplained-death",
        })).Id();

        var linkage = await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{later}/linkage");
        var references = linkage.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("reference").GetString()).ToList();
        Assert.Equal("HX-2015-S00004", references[0]);
        Assert.Contains("HX-2014-S00003", references);
        var review = await (await app.SupervisorAsync()).GetFromJsonAsync<JsonElement>("/api/cases?needsReview=true&status=closed");
        Assert.Contains("HX-2015-S00004", review.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("reference").GetString()));
    }

    [Fact]
    public async Task ImportedDeathsAreComparedWithTheCasesAlreadyRecordedInBothDirections()
    {
        var officer = await app.OfficerAsync();
        var openId = (await officer.CreateCaseAsync(new
        {
            deceased = new { name = "unknown", ageYears = 23, sex = "male" },
            foundAt = "2016-06-01T05:30:00Z",
            location = new { description = "canal towpath, Leeds", latitude = 53.7905, longitude = -1.5620 },
            circumstances = "found on the towpath at dawn",
            substances = new[] { "GHB" },
            markers = new[] { "found-outdoors", "phone-missing" },
            persons = Array.Empty<object>(),
            workflow = "unexplained-death",
        })).Id();
        Assert.Empty((await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{openId}/linkage")).GetProperty("candidates").EnumerateArray());

        var (code, output) = await ImportAsync(string.Join('\n', Header,
            "HX-R-1,2016-05-18T04:00:00Z,53.7911,-1.5601,male,25,unknown,Leeds,found on the towpath,GBL,found-outdoors;phone-missing,,east,not-suspicious,") + "\n",
            skipInvalid: false, recheck: true);

        Assert.True(code == 0, output);
        Assert.Contains("re-checked", output);
        var candidates = (await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{openId}/linkage")).GetProperty("candidates").EnumerateArray()
            .Select(c => c.GetProperty("reference").GetString()).ToList();
        Assert.Equal(["HX-R-1"], candidates);
        var review = await (await app.SupervisorAsync()).GetFromJsonAsync<JsonElement>("/api/cases?needsReview=true&status=closed");
        Assert.Contains("HX-R-1", review.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("reference").GetString()));
        Assert.Contains("linkage.rechecked", app.WithDb(db => db.AuditEvents.Where(e => e.CaseId == Guid.Parse(openId)).Select(e => e.Action).ToList()));
    }

    private async Task<(int Code, string Output)> ImportAsync(string content, bool skipInvalid, bool recheck = false)
    {
        var file = Path.Combine(Path.GetTempPath(), $"deaths-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, content);
        try
        {
            using var scope = app.Services.CreateScope();
            var services = scope.ServiceProvider;
            var output = new StringWriter();
            var code = await ImportDeathsCommand.ImportAsync(services.GetRequiredService<ReviewDb>(), services.GetRequiredService<AuditTrail>(),
                services.GetRequiredService<WorkflowRegistry>().Latest("unexplained-death")!, file, skipInvalid, app.Clock.GetUtcNow(), output);
            if (code == 0 && recheck) code = await LinkageRecheck.RunAsync(app.Services, output);
            return (code, output.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
