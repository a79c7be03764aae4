using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewWorkflow.Web.Accounts;
using ReviewWorkflow.Web.Data;
using ReviewWorkflow.Web.Steps;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Casework;

/// <summary>Requests of reassignment and handover, and the work list they change.</summary>
public static class Assignments
{
    public static Task<HttpResponseMessage> ReassignAsync(this HttpClient client, string caseId, string officer, string? stepKey = null, long? itemId = null,
        string? reason = "Officer on a long course; the work cannot wait.") =>
        client.PostAsJsonAsync($"/api/cases/{caseId}/assignment", new { officer, stepKey, itemId, reason });

    public static Task<HttpResponseMessage> HandOverAsync(this HttpClient client, string to, DateTimeOffset startsAt, DateTimeOffset endsAt,
        string? from = null, string reason = "Annual leave.") =>
        client.PostAsJsonAsync("/api/handovers", new { from, to, startsAt, endsAt, reason });

    public static Task<HttpResponseMessage> ApproveHandoverAsync(this HttpClient client, long handoverId) =>
        client.PostAsync($"/api/handovers/{handoverId}/approval", null);

    public static long HandoverId(this JsonElement h) => h.GetProperty("id").GetInt64();

    /// <summary>My work of the user with this email, as the page shows it, at <paramref name="now"/>.</summary>
    public static async Task<List<WorkItem>> WorkOfAsync(this ReviewApp app, string email, DateTimeOffset now)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReviewDb>();
        var u = await db.Users.AsNoTracking().SingleAsync(x => x.Email == email);
        return [.. (await scope.ServiceProvider.GetRequiredService<WorkList>().ForAsync(new CurrentUser(u.Id, u.DisplayName, u.Role, u.Team), now)).Items];
    }

    public static string FirstError(this JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    /// <summary>A new officer of team east, deactivated by an administrator: their email.</summary>
    public static async Task<string> DeactivatedOfficerAsync(this ReviewApp app)
    {
        var admin = await app.AdminAsync();
        var email = $"gone.{Guid.NewGuid():N}@police.example";
        var created = await admin.PostAsJsonAsync("/api/admin/users", new { email, displayName = "Gone Officer", password = "Right!2345", role = "officer", team = "east" });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var userId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.True((await admin.PostAsync($"/api/admin/users/{userId}/deactivate", null)).IsSuccessStatusCode);
        return email;
    }
}
