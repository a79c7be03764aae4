using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ReviewWorkflow.Web.Accounts;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Security;

/// <summary>
/// Access tokens expire on the app's clock (the fake one here), refresh tokens give a new working
/// token until they expire themselves or the account's security stamp changes. Each test has its
/// own app, since each moves the clock.
/// </summary>
public sealed class TokenLifetimeTests : IAsyncLifetime
{
    private readonly ReviewApp _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task AnAccessTokenIsRefusedOnceItsHourIsOver()
    {
        var (token, _, expiresIn) = await LoginAsync("officer@demo.local");
        Assert.Equal(3600, expiresIn);
        Assert.Equal(HttpStatusCode.OK, await CasesWithAsync(token));

        _app.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.OK, await CasesWithAsync(token));

        _app.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, await CasesWithAsync(token));
    }

    [Fact]
    public async Task ARefreshGivesANewWorkingTokenUntilTheRefreshTokenExpires()
    {
        var (_, refresh, _) = await LoginAsync("officer@demo.local");
        _app.Clock.Advance(TimeSpan.FromHours(2)); // the access token is long dead

        var renewed = await RefreshAsync(refresh);
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        var body = await renewed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, await CasesWithAsync(body.GetProperty("accessToken").GetString()!));

        // Identity's refresh tokens last 14 days.
        _app.Clock.Advance(TimeSpan.FromDays(14));
        await (await RefreshAsync(refresh)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await RefreshAsync("CfDJ8-not-a-token")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ARefreshTokenIsRefusedAfterTheAccountsSecurityStampChanges()
    {
        var admin = await _app.AdminAsync();
        var email = $"stamp.{Guid.NewGuid():N}@police.example";
        (await admin.PostAsJsonAsync("/api/admin/users", new { email, displayName = "Sue Stamp", password = "Right!2345", role = "officer", team = "east" }))
            .EnsureSuccessStatusCode();
        var (_, refresh, _) = await LoginAsync(email, "Right!2345");
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(refresh)).StatusCode);

        // What a password reset or "sign out everywhere" does.
        using (var scope = _app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            Assert.True((await users.UpdateSecurityStampAsync((await users.FindByEmailAsync(email))!)).Succeeded);
        }

        await (await RefreshAsync(refresh)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    private async Task<(string Access, string Refresh, int ExpiresIn)> LoginAsync(string email, string password = ReviewApp.Password)
    {
        var response = await _app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("accessToken").GetString()!, body.GetProperty("refreshToken").GetString()!, body.GetProperty("expiresIn").GetInt32());
    }

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        _app.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken });

    private async Task<HttpStatusCode> CasesWithAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/cases");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await _app.CreateClient().SendAsync(request)).StatusCode;
    }
}
