using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Accounts;

public sealed class AccessTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    [Fact]
    public async Task LoginGivesABearerTokenThatOpensTheApi()
    {
        var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = "officer@demo.local", password = ReviewApp.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bearer", token.GetProperty("tokenType").GetString());
        Assert.Equal(3600, token.GetProperty("expiresIn").GetInt32());
        Assert.False(string.IsNullOrEmpty(token.GetProperty("refreshToken").GetString()));
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedWithAProblem()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = "officer@demo.local", password = "wrong-password" });
        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnonymousCallersGet401()
    {
        var client = app.CreateClient();
        await (await client.GetAsync("/api/cases")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/cases", Api.NewCase())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/audit/verify")).StatusCode);
    }

    [Fact]
    public async Task AnotherTeamCannotSeeOrActOnACaseButAnInspectorCan()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        var west = await app.WestOfficerAsync();

        await (await west.GetAsync($"/api/cases/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await west.CompleteAsync(id, "initial-report", Api.InitialReport)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await west.GetAsync($"/api/cases/{id}/audit")).StatusCode);
        var list = await west.GetFromJsonAsync<JsonElement>("/api/cases");
        Assert.DoesNotContain(id, list.GetProperty("items").EnumerateArray().Select(i => i.Id()));

        var inspector = await app.InspectorAsync();
        Assert.Equal(HttpStatusCode.OK, (await inspector.GetAsync($"/api/cases/{id}")).StatusCode);
    }

    [Fact]
    public async Task AnAdminDoesNoCaseworkAndOfficersCannotCreateUsers()
    {
        var admin = await app.AdminAsync();
        await (await admin.PostAsJsonAsync("/api/cases", Api.NewCase())).ProblemAsync(HttpStatusCode.Forbidden);

        var officer = await app.OfficerAsync();
        var user = new { email = "new.officer@demo.local", displayName = "New Officer", password = "Str0ng!Pass", role = "officer", team = "east" };
        await (await officer.PostAsJsonAsync("/api/admin/users", user)).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/admin/users", user)).StatusCode);
        var login = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { user.email, user.password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task TheOpenApiDocumentAndHealthAreServed()
    {
        var client = app.CreateClient();
        var doc = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/cases/{id}/close", paths);
        Assert.Contains("/api/auth/login", paths);
        Assert.Contains("/api/admin/users/{userId}", paths);
        Assert.Contains("/api/admin/users/{userId}/deactivate", paths);
        Assert.Contains("/api/admin/users/{userId}/reactivate", paths);
        Assert.Contains("/api/admin/users/{userId}/unlock", paths);
        foreach (var casework in new[] { "/api/cases/{id}/assignment", "/api/handovers", "/api/handovers/{handoverId}/approval", "/api/search", "/api/persons", "/api/cases/{id}/series" })
            Assert.Contains(casework, paths);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }
}
