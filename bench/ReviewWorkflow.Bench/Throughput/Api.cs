using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ReviewWorkflow.Bench.Throughput;

/// <summary>The HTTP API as a client uses it (docs: /work/shared/design/api.md), with what the benchmark sends.</summary>
public static partial class Api
{
    /// <summary>One connection pool for all clients, as many connections as clients need (no HTTP/1.1 queueing).</summary>
    public static HttpClient NewClient(string url, CookieContainer? cookies = null) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1024,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            AllowAutoRedirect = false,
        })
        { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };

    public static async Task<string> LoginAsync(HttpClient http, string email, string password)
    {
        var response = await http.PostAsJsonAsync("/api/auth/login", new { email, password });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"login {email}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>Signs in through the sign-in page (antiforgery token and all); the session cookie lands in <paramref name="cookies"/>.</summary>
    public static async Task SignInAsync(HttpClient http, string email, string password)
    {
        var page = await http.GetStringAsync("/sign-in");
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        var response = await http.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = password, ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"sign-in {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static HttpRequestMessage With(this HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    public static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, string token, object? body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) }.With(token);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected) throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string StateOf(this JsonElement c, string step) =>
        c.GetProperty("steps").EnumerateArray().First(s => s.GetProperty("key").GetString() == step).GetProperty("state").GetString()!;

    /// <summary>A new case far from every other (no linkage candidates), as an officer reports it.</summary>
    public static object NewCase(string name, DateTimeOffset foundAt, double latitude, double longitude) => new
    {
        deceased = new { name, ageYears = 31, sex = "male" },
        foundAt,
        location = new { description = "Flat 4, 12 Station Parade", latitude, longitude },
        circumstances = "Found unresponsive by a neighbour; paramedics attended.",
        substances = Array.Empty<string>(),
        markers = new[] { "found-outdoors" },
        persons = Array.Empty<object>(),
        workflow = "unexplained-death",
    };

    /// <summary>The officer's work steps in an order that respects their dependencies.</summary>
    public static readonly string[] WorkSteps =
    [
        "initial-report", "intelligence-checks", "linkage-check", "family-notification", "family-information",
        "forensic-documents", "digital-devices", "post-mortem-toxicology", "homicide-referral",
    ];

    /// <summary>
    /// Valid answers for each work step; the family liaison is the case's officer. The persons are the
    /// case's own (a reporter's number and a next of kin nobody else has), as in life: the same ones in
    /// every case would make every case a linkage candidate of every other.
    /// </summary>
    public static object Answers(string step, string liaison, Guid caseId) => step switch
    {
        "initial-report" => Body(new()
        {
            ["discoveredAt"] = "2024-06-19T04:05:00Z", ["address"] = "Cooke Street, Barking",
            ["foundBy"] = new { name = "Anonymous caller" }, ["reportedBy"] = new { name = "Anonymous caller", phone = PhoneOf(caseId) },
            ["attendingOfficers"] = new[] { "PC 1234", "PC 5678" }, ["scenePreserved"] = true, ["phonePresent"] = false, ["noteFound"] = false,
        }),
        "intelligence-checks" => Body(new()
        {
            ["personsChecked"] = new[] { "Anonymous caller" }, ["systemsSearched"] = new[] { "PNC", "PND" }, ["results"] = "No trace on either system.",
        }),
        "family-notification" => Body(new()
        {
            ["nextOfKin"] = new { name = $"J Doe-{caseId:N}", role = "sister" }, ["toldAt"] = "2024-06-19T10:00:00Z", ["toldBy"] = "PC 1234",
            ["how"] = "in-person", ["liaisonContact"] = liaison,
        }),
        "digital-devices" => Body(new()
        {
            ["devices"] = new[] { "deceased's phone" }, ["decisions"] = "Phone missing; laptop examined by the digital unit.",
        }),
        "post-mortem-toxicology" => Body(new()
        {
            ["causeOfDeath"] = "Cardiac arrest", ["substancesFound"] = Array.Empty<string>(), ["resultsReceivedAt"] = "2024-06-25T12:00:00Z",
        }),
        _ => Body(new()), // registers with nothing in them are completed empty
    };

    /// <summary>A UK mobile number of the case's own (07 and nine digits from its id).</summary>
    public static string PhoneOf(Guid caseId) =>
        "07" + (BitConverter.ToUInt64(caseId.ToByteArray(), 8) % 1_000_000_000).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);

    private static object Body(Dictionary<string, object> fields) => new { fields, note = "bench" };

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
