using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using ReviewWorkflow.Web.Tests.Security;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Accounts;

/// <summary>
/// A locked, deactivated or changed account keeps no access: its bearer tokens, refresh tokens and
/// page sessions end (at once on this instance, within 60 s by the fake clock when the change came
/// from elsewhere), and a refresh token works once. Each test makes its own account.
/// </summary>
public sealed class AccountSafetyTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    private const string Password = "Right!2345";

    [Fact]
    public async Task FiveWrongPasswordsEndTheAccountsBearerAndRefreshTokensUntilItSignsInAgain()
    {
        var (email, _) = await NewAccountAsync();
        var session = await LoginAsync(email);
        Assert.Equal(HttpStatusCode.Created, await CreateCaseWithAsync(session.Access));

        for (var i = 0; i < 5; i++) await (await TryLoginAsync(email, "Wrong!2345")).ProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(HttpStatusCode.Unauthorized, await CreateCaseWithAsync(session.Access));
        await (await RefreshAsync(session.Refresh)).ProblemAsync(HttpStatusCode.Unauthorized);
        // The right password does not open a locked account either.
        var locked = await (await TryLoginAsync(email, Password)).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("locked", locked.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ALockoutAndItsRunningOutAreInTheAuditTrailOnceEach()
    {
        var (email, id) = await NewAccountAsync();
        for (var i = 0; i < 4; i++) await TryLoginAsync(email, "Wrong!2345");
        Assert.Equal(0, await AuditCountAsync("user.locked-out", id));
        await TryLoginAsync(email, "Wrong!2345");
        Assert.Equal(1, await AuditCountAsync("user.locked-out", id));
        await (await TryLoginAsync(email, Password)).ProblemAsync(HttpStatusCode.Unauthorized);
        app.Clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        await (await TryLoginAsync(email, Password)).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(0, await AuditCountAsync("user.lockout-expired", id));

        // Run out, its end is recorded by the next attempt: here a wrong password, which counts anew.
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 5; i++) await TryLoginAsync(email, "Wrong!2345");
        Assert.Equal(1, await AuditCountAsync("user.lockout-expired", id));
        Assert.Equal(2, await AuditCountAsync("user.locked-out", id));

        // The second lock runs out; the right password opens the account and records the end once.
        app.Clock.Advance(TimeSpan.FromMinutes(15));
        await LoginAsync(email);
        await LoginAsync(email);
        Assert.Equal(2, await AuditCountAsync("user.lockout-expired", id));
        Assert.Equal(2, await AuditCountAsync("user.locked-out", id));
        Assert.Equal(JsonValueKind.Null, (await UserAsync(await app.AdminAsync(), id)).GetProperty("lockedOutUntil").ValueKind);
    }

    [Fact]
    public async Task AnAdministratorUnlocksAnAccountAndItsOldTokensStayEnded()
    {
        var (email, id) = await NewAccountAsync();
        var old = await LoginAsync(email);
        for (var i = 0; i < 5; i++) await TryLoginAsync(email, "Wrong!2345");
        var admin = await app.AdminAsync();
        var listed = await UserAsync(admin, id);
        Assert.NotEqual(JsonValueKind.Null, listed.GetProperty("lockedOutUntil").ValueKind);

        var unlocked = await admin.PostAsync($"/api/admin/users/{id}/unlock", null);
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await unlocked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lockedOutUntil").ValueKind);

        var fresh = await LoginAsync(email);
        Assert.Equal(HttpStatusCode.Created, await CreateCaseWithAsync(fresh.Access));
        Assert.Equal(HttpStatusCode.Unauthorized, await CreateCaseWithAsync(old.Access));
        Assert.Equal(1, await AuditCountAsync("user.unlocked", id));
    }

    [Fact]
    public async Task DeactivationEndsBearerRefreshAndPageSessionsAndRefusesSignInUntilReactivated()
    {
        var (email, id) = await NewAccountAsync();
        var bearer = await LoginAsync(email);
        var page = await PageSession.SignedInAsync(app, email, Password);
        Assert.Equal(HttpStatusCode.OK, (await page.GetAsync("/cases")).StatusCode);
        var admin = await app.AdminAsync();

        var deactivated = await admin.PostAsync($"/api/admin/users/{id}/deactivate", null);
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.False((await deactivated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("active").GetBoolean());

        Assert.Equal(HttpStatusCode.Unauthorized, await CreateCaseWithAsync(bearer.Access));
        await (await RefreshAsync(bearer.Refresh)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await TryLoginAsync(email, Password)).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await PageSession.SignInAsync(PageSession.Anonymous(app), email, Password)).StatusCode); // the form again, with its error
        var after = await page.GetAsync("/cases");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/sign-in", after.Headers.Location!.OriginalString);
        Assert.Equal(1, await AuditCountAsync("user.deactivated", id));
        await (await admin.PostAsync($"/api/admin/users/{id}/deactivate", null)).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/admin/users/{id}/reactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, await CreateCaseWithAsync((await LoginAsync(email)).Access));
        Assert.Equal(1, await AuditCountAsync("user.reactivated", id));
    }

    [Fact]
    public async Task ATeamOrRoleChangeEndsTheOldTokensAndTheNextSignInCarriesIt()
    {
        var (email, id) = await NewAccountAsync();
        var old = await LoginAsync(email);
        var admin = await app.AdminAsync();

        var changed = await admin.PatchAsJsonAsync($"/api/admin/users/{id}", new { team = "west" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await CreateCaseWithAsync(old.Access));
        await (await RefreshAsync(old.Refresh)).ProblemAsync(HttpStatusCode.Unauthorized);
        var created = await SendAsync(HttpMethod.Post, "/api/cases", (await LoginAsync(email)).Access, Api.NewCase());
        Assert.Equal("west", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("team").GetString());

        var inspector = await LoginAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/admin/users/{id}", new { role = "inspector" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "/api/cases", inspector.Access)).StatusCode);
        // An inspector creates no cases: the new token says inspector.
        Assert.Equal(HttpStatusCode.Forbidden, await CreateCaseWithAsync((await LoginAsync(email)).Access));
        Assert.Equal(2, await AuditCountAsync("user.changed", id));
    }

    [Fact]
    public async Task AnAccountChangedElsewhereLosesItsBearerTokenWithinSixtySeconds()
    {
        var (email, id) = await NewAccountAsync();
        var session = await LoginAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/cases", session.Access)).StatusCode);

        // As another instance of the app would: straight in the database, so this one learns of it only by looking.
        await app.ExecuteAsync($"UPDATE \"AspNetUsers\" SET deactivated = true WHERE id = '{id}'");

        app.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/cases", session.Access)).StatusCode);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "/api/cases", session.Access)).StatusCode);
    }

    [Fact]
    public async Task AnAccountChangedElsewhereLosesItsPageSessionWithinSixtySeconds()
    {
        var (email, id) = await NewAccountAsync();
        var page = await PageSession.SignedInAsync(app, email, Password);
        Assert.Equal(HttpStatusCode.OK, (await page.GetAsync("/cases")).StatusCode);

        await app.ExecuteAsync($"UPDATE \"AspNetUsers\" SET security_stamp = 'changed elsewhere' WHERE id = '{id}'");

        app.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(HttpStatusCode.OK, (await page.GetAsync("/cases")).StatusCode);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var after = await page.GetAsync("/cases");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/sign-in", after.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ARefreshTokenWorksOnceAndItsReuseEndsEveryTokenOfTheAccount()
    {
        var (email, id) = await NewAccountAsync();
        var first = await LoginAsync(email);
        var other = await LoginAsync(email); // another device of the same person
        var second = await ReadSessionAsync(await RefreshAsync(first.Refresh));
        Assert.NotEqual(first.Refresh, second.Refresh);
        var third = await ReadSessionAsync(await RefreshAsync(second.Refresh)); // the rotated token works, once
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/cases", third.Access)).StatusCode);

        // The first token again: stolen, or the owner's copy after a thief used it.
        await (await RefreshAsync(first.Refresh)).ProblemAsync(HttpStatusCode.Unauthorized);

        foreach (var access in new[] { first.Access, second.Access, third.Access, other.Access })
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "/api/cases", access)).StatusCode);
        foreach (var refresh in new[] { third.Refresh, other.Refresh })
            await (await RefreshAsync(refresh)).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(1, await AuditCountAsync("user.sessions-ended", id));
        // The owner signs in again and carries on.
        Assert.Equal(HttpStatusCode.Created, await CreateCaseWithAsync((await LoginAsync(email)).Access));
    }

    [Fact]
    public async Task TwoRefreshesRacingWithOneTokenGetOneNewToken()
    {
        var (email, _) = await NewAccountAsync();
        var session = await LoginAsync(email);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => RefreshAsync(session.Refresh)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task AdministratorsChangeOthersNotThemselvesAndBadChangesChangeNothing()
    {
        var admin = await app.AdminAsync();
        var adminId = (await admin.GetFromJsonAsync<JsonElement>("/api/admin/users")).EnumerateArray()
            .First(u => u.GetProperty("email").GetString() == "admin@demo.local").GetProperty("id").GetString();
        var (_, id) = await NewAccountAsync();
        var before = await app.SnapshotAsync();

        await (await admin.PostAsync($"/api/admin/users/{adminId}/deactivate", null)).ProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PatchAsJsonAsync($"/api/admin/users/{adminId}", new { role = "officer" })).ProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PostAsync($"/api/admin/users/{id}/reactivate", null)).ProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PostAsync($"/api/admin/users/{Guid.NewGuid()}/deactivate", null)).ProblemAsync(HttpStatusCode.NotFound);
        var role = await (await admin.PatchAsJsonAsync($"/api/admin/users/{id}", new { role = "chief" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(role.GetProperty("errors").TryGetProperty("role", out _));
        var team = await (await admin.PatchAsJsonAsync($"/api/admin/users/{id}", new { team = "  " })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(team.GetProperty("errors").TryGetProperty("team", out _));
        await (await admin.PatchAsJsonAsync($"/api/admin/users/{id}", new { })).ProblemAsync(HttpStatusCode.BadRequest);

        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task TheAdministrationPageDeactivatesAndChangesAccounts()
    {
        var (email, id) = await NewAccountAsync();
        var bearer = await LoginAsync(email);
        var page = await PageSession.SignedInAsync(app, "admin@demo.local");
        var token = await PageSession.AntiforgeryTokenAsync(page, "/admin");

        var changed = await page.PostAsync("/admin?handler=Change", Form(token, ("userId", id), ("role", "supervisor"), ("team", "north")));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var deactivated = await page.PostAsync("/admin?handler=Deactivate", Form(token, ("userId", id)));
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);

        var user = await UserAsync(await app.AdminAsync(), id);
        Assert.Equal(("supervisor", "north", false), (user.GetProperty("role").GetString(), user.GetProperty("team").GetString(), user.GetProperty("active").GetBoolean()));
        Assert.Equal(HttpStatusCode.Unauthorized, await CreateCaseWithAsync(bearer.Access));
        Assert.Contains("deactivated", await page.GetStringAsync("/admin"));
        Assert.Equal(1, await AuditCountAsync("user.changed", id));
        Assert.Equal(1, await AuditCountAsync("user.deactivated", id));
    }

    private static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));

    private sealed record Session(string Access, string Refresh);

    private async Task<(string Email, string Id)> NewAccountAsync()
    {
        var email = $"acct.{Guid.NewGuid():N}@police.example";
        var created = await (await app.AdminAsync()).PostAsJsonAsync("/api/admin/users",
            new { email, displayName = "Alex Account", password = Password, role = "officer", team = "east" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (email, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
    }

    private static async Task<JsonElement> UserAsync(HttpClient admin, string id) =>
        (await admin.GetFromJsonAsync<JsonElement>("/api/admin/users")).EnumerateArray().Single(u => u.GetProperty("id").GetString() == id);

    private Task<HttpResponseMessage> TryLoginAsync(string email, string password) =>
        app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password });

    private async Task<Session> LoginAsync(string email) => await ReadSessionAsync(await TryLoginAsync(email, Password));

    private static async Task<Session> ReadSessionAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Session(body.GetProperty("accessToken").GetString()!, body.GetProperty("refreshToken").GetString()!);
    }

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        app.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken });

    private async Task<HttpStatusCode> CreateCaseWithAsync(string token) => (await SendAsync(HttpMethod.Post, "/api/cases", token, Api.NewCase())).StatusCode;

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await app.CreateClient().SendAsync(request);
    }

    private async Task<long> AuditCountAsync(string action, string userId)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM audit_events WHERE action = @action AND data LIKE '%' || @id || '%'", connection);
        command.Parameters.AddWithValue("action", action);
        command.Parameters.AddWithValue("id", userId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
