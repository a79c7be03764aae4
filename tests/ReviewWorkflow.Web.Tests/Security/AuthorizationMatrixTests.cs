using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Security;

/// <summary>
/// Every API endpoint (read from the app's own endpoint data source, so a new endpoint without a
/// row here fails) against every kind of caller, with the expected answer from one table.
/// </summary>
public sealed class AuthorizationMatrixTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    /// <summary>What a caller may get: the request reached the handler (any answer but 401/403/404), or it was stopped.</summary>
    public enum Expect { Allowed, Unauthorized, Forbidden, Hidden }

    private const Expect A = Expect.Allowed, U = Expect.Unauthorized, F = Expect.Forbidden, H = Expect.Hidden;

    public static readonly string[] Callers =
        ["anonymous", "officer", "officer-other-team", "supervisor", "supervisor-other-team", "inspector", "admin"];

    /// <summary>
    /// Columns follow <see cref="Callers"/>. A case of team east is the subject of every route with an id.
    /// Another team's case is hidden (404), not forbidden: its existence is itself information.
    /// </summary>
    private static readonly Dictionary<string, Expect[]> Table = new()
    {
        ["POST /api/auth/login"] = [A, A, A, A, A, A, A],
        // An unknown refresh token is refused by the handler itself, whoever calls.
        ["POST /api/auth/refresh"] = [U, U, U, U, U, U, U],
        ["GET /api/admin/users"] = [U, F, F, F, F, F, A],
        ["POST /api/admin/users"] = [U, F, F, F, F, F, A],
        // The subject is an account made for the purpose (deactivating a caller would change the columns).
        ["PATCH /api/admin/users/{userId}"] = [U, F, F, F, F, F, A],
        ["POST /api/admin/users/{userId}/deactivate"] = [U, F, F, F, F, F, A],
        ["POST /api/admin/users/{userId}/reactivate"] = [U, F, F, F, F, F, A],
        ["POST /api/admin/users/{userId}/unlock"] = [U, F, F, F, F, F, A],
        ["POST /api/cases"] = [U, A, A, A, A, F, F],
        ["GET /api/workflows"] = [U, A, A, A, A, F, F],
        ["POST /api/admin/migrations"] = [U, F, F, F, F, F, A],
        // A supervisor's decision: an officer reaches the handler and is refused there.
        ["POST /api/cases/{id}/workflow"] = [U, F, H, A, H, A, F],
        ["GET /api/cases"] = [U, A, A, A, A, A, A],
        ["GET /api/cases/{id}"] = [U, A, H, A, H, A, A],
        ["PATCH /api/cases/{id}"] = [U, A, H, A, H, A, F],
        ["POST /api/cases/{id}/classification"] = [U, A, H, A, H, A, F],
        ["POST /api/cases/{id}/close"] = [U, A, H, A, H, A, F],
        ["POST /api/cases/{id}/steps/{stepKey}/complete"] = [U, A, H, A, H, A, F],
        ["POST /api/cases/{id}/steps/{stepKey}/sign-off"] = [U, A, H, A, H, A, F],
        ["GET /api/cases/{id}/steps/{stepKey}"] = [U, A, H, A, H, A, F],
        // The empty body is refused as input before the role is.
        ["POST /api/cases/{id}/steps/{stepKey}/pause"] = [U, A, H, A, H, A, F],
        ["POST /api/cases/{id}/steps/{stepKey}/pause/decision"] = [U, A, H, A, H, A, F],
        // Nothing is paused: refused by the procedure (409), whoever asks.
        ["POST /api/cases/{id}/steps/{stepKey}/pause/end"] = [U, A, H, A, H, A, F],
        // Supervisors and inspectors have a queue; officers and admins sign nothing off.
        ["GET /api/sign-offs"] = [U, F, F, A, A, A, F],
        // An officer reaches the handler (the empty body is refused as input before the role is).
        ["POST /api/cases/{id}/referral-request"] = [U, A, H, A, H, A, F],
        ["GET /api/cases/{id}/audit"] = [U, A, H, A, H, A, A],
        ["GET /api/audit/verify"] = [U, F, F, F, F, F, A],
        ["GET /api/cases/{id}/file"] = [U, A, H, A, H, A, A],
        ["POST /api/case-files/verify"] = [U, F, F, F, F, F, A],
        ["GET /api/reports/summary"] = [U, F, F, A, A, A, F],
        // Mail that failed is for administrators to act on.
        ["GET /api/admin/outbox"] = [U, F, F, F, F, F, A],
        // Admins administer; what families tell the police is for those who work the case.
        ["GET /api/cases/{id}/family-information"] = [U, A, H, A, H, A, F],
        ["GET /api/cases/{id}/family-information/{itemId}"] = [U, A, H, A, H, A, F],
        ["POST /api/cases/{id}/family-information"] = [U, A, H, A, H, A, F],
        ["POST /api/cases/{id}/family-information/{itemId}/actions"] = [U, A, H, A, H, A, F],
        ["POST /api/cases/{id}/family-information/{itemId}/response"] = [U, A, H, A, H, A, F],
        // Linkage is casework. The matrix's candidate id is no candidate of the case, so even those
        // allowed get 404; allowed dispositions are tested in Linkage/LinkageTests.
        ["GET /api/cases/{id}/linkage"] = [U, A, H, A, H, A, F],
        ["POST /api/cases/{id}/linkage/{candidateCaseId}/disposition"] = [U, H, H, H, H, H, F],
        // The case log is casework; the matrix's note id is no note of the case, so the allowed get 404 from the handler.
        ["GET /api/cases/{id}/notes"] = [U, A, H, A, H, A, F],
        ["POST /api/cases/{id}/notes"] = [U, A, H, A, H, A, F],
        ["POST /api/cases/{id}/notes/{noteId}/response"] = [U, A, H, A, H, A, F],
        // A JSON body reaches the upload's handler, which refuses it (415) after the case and the role.
        ["GET /api/cases/{id}/documents"] = [U, A, H, A, H, A, F],
        ["POST /api/cases/{id}/documents"] = [U, A, H, A, H, A, F],
        // The matrix's document id names no document (a real one's download would be audited): 404 for all allowed.
        ["GET /api/cases/{id}/documents/{docId}"] = [U, H, H, H, H, H, F],
        ["GET /api/cases/{id}/exhibits"] = [U, A, H, A, H, A, F],
        ["POST /api/cases/{id}/exhibits"] = [U, A, H, A, H, A, F],
        ["POST /api/cases/{id}/exhibits/{exhibitId}/movements"] = [U, A, H, A, H, A, F],
        // An officer reaches the handler: the empty body is refused as input before the role is.
        ["POST /api/cases/{id}/assignment"] = [U, A, H, A, H, A, F],
        ["GET /api/handovers"] = [U, A, A, A, A, A, F],
        ["POST /api/handovers"] = [U, A, A, A, A, A, F],
        // The matrix's handover id names no handover: 404 for all allowed.
        ["POST /api/handovers/{handoverId}/approval"] = [U, H, H, H, H, H, F],
        ["GET /api/search"] = [U, A, A, A, A, A, F],
        ["GET /api/persons"] = [U, A, A, A, A, A, F],
        ["GET /api/cases/{id}/series"] = [U, A, H, A, H, A, F],
    };

    /// <summary>Bodies for endpoints whose answer depends on them; all others get <c>{}</c>.</summary>
    private static readonly Dictionary<string, string> Bodies = new()
    {
        ["POST /api/auth/login"] = $"{{\"email\":\"officer@demo.local\",\"password\":\"{ReviewApp.Password}\"}}",
    };

    [Fact]
    public async Task EveryEndpointAnswersEveryCallerAsTheTableSays()
    {
        var endpoints = ApiEndpoints();
        var missing = endpoints.Where(e => !Table.ContainsKey(e)).ToList();
        Assert.True(missing.Count == 0, "endpoints without a row in the authorization table: " + string.Join(", ", missing));

        var clients = await ClientsAsync();
        var caseId = (await clients["officer"]!.CreateCaseAsync()).Id();
        var itemId = await FirstFamilyItemAsync(clients["officer"]!, caseId);
        var userId = await SubjectAccountAsync(clients["admin"]!);
        var failures = new List<string>();
        var checkedPairs = 0;
        foreach (var endpoint in endpoints)
        {
            var (method, route) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
            var path = route.Replace("{id}", caseId).Replace("{stepKey}", "initial-report")
                .Replace("{itemId}", itemId).Replace("{candidateCaseId}", Guid.Empty.ToString()).Replace("{userId}", userId)
                .Replace("{noteId}", "1").Replace("{docId}", Guid.Empty.ToString()).Replace("{exhibitId}", "1").Replace("{handoverId}", "1");
            for (var i = 0; i < Callers.Length; i++)
            {
                var client = clients[Callers[i]] ?? app.CreateClient();
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PATCH" or "PUT") request.Content = new StringContent(Bodies.GetValueOrDefault(endpoint, "{}"), Encoding.UTF8, "application/json");
                var status = (await client.SendAsync(request)).StatusCode;
                var got = status switch
                {
                    HttpStatusCode.Unauthorized => U,
                    HttpStatusCode.Forbidden => F,
                    HttpStatusCode.NotFound => H,
                    _ => A,
                };
                checkedPairs++;
                if (got != Table[endpoint][i]) failures.Add($"{endpoint} as {Callers[i]}: expected {Table[endpoint][i]}, got {(int)status}");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(endpoints.Count * Callers.Length, checkedPairs);
    }

    private List<string> ApiEndpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => System.Text.RegularExpressions.Regex.Replace($"{m} /{e.RoutePattern.RawText?.TrimStart('/')}", @":\w+\}", "}").TrimEnd('/')))
            .Where(e => e.Contains(" /api"))
            .Distinct().Order().ToList();

    private static async Task<string> SubjectAccountAsync(HttpClient admin)
    {
        var response = await admin.PostAsJsonAsync("/api/admin/users", new
        {
            email = $"subject.{Guid.NewGuid():N}@police.example", displayName = "Sam Subject", password = "Right!2345", role = "officer", team = "east",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<string> FirstFamilyItemAsync(HttpClient officer, string caseId)
    {
        var response = await officer.PostAsJsonAsync($"/api/cases/{caseId}/family-information", new
        {
            providedBy = new { name = "Dana Dunn", relationship = "sister", contact = "07700 900777" },
            receivedAt = "2026-11-24T10:00:00Z",
            summary = "Says he met a man from an app the night before.",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").ToString();
    }

    private async Task<Dictionary<string, HttpClient?>> ClientsAsync() => new()
    {
        ["anonymous"] = null,
        ["officer"] = await app.OfficerAsync(),
        ["officer-other-team"] = await app.WestOfficerAsync(),
        ["supervisor"] = await app.SupervisorAsync(),
        ["supervisor-other-team"] = await app.ClientForAsync("supervisor.west@demo.local"),
        ["inspector"] = await app.InspectorAsync(),
        ["admin"] = await app.AdminAsync(),
    };
}
