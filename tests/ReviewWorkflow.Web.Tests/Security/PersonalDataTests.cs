using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using ReviewWorkflow.Web.Tests.Escalation;
using ReviewWorkflow.Web.Tests.FamilyInformation;
using ReviewWorkflow.Web.Tests.Linkage;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Security;

/// <summary>The escalation app with every log line of every category kept, at every level.</summary>
public sealed class LoggedApp : EscalationApp
{
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Logs);
            logging.AddFilter<LogCapture>(null, LogLevel.Trace);
        });
    }
}

/// <summary>Keeps each formatted log line with its exception, for a test to search.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The structured values as well as the message: a name could hide in either.
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {values} {exception}");
        }
    }
}

/// <summary>
/// Emails and logs carry references and links, never the names of the deceased or their family:
/// a case with distinctive names is driven through escalation, linkage and the family register,
/// and every sent message and every log line is searched for them.
/// </summary>
public sealed class PersonalDataTests(LoggedApp app) : IClassFixture<LoggedApp>
{
    private static readonly string[] Names =
        ["Quillon", "Marchbanks", "Zephyrine", "Oddlestone", "Bartholomew", "Xylander", "Ottoline", "Vexcombe", "Perpetua", "Glanville"];

    [Fact]
    public async Task NoSentEmailOrLogLineNamesTheDeceasedOrTheirFamily()
    {
        var officer = await app.OfficerAsync();
        var place = LinkageCases.NewPlace();
        var family = new object[]
        {
            new { name = "Zephyrine Oddlestone", role = "family", phone = "07700 900555" },
            new { name = place.Finder, role = "finder", phone = place.FinderPhone },
        };
        var earlier = await officer.CreateCaseAsync(LinkageCases.Death(place, "2014-06-19T04:05:00Z", "Quillon Marchbanks", persons: family));
        var item = await officer.LoggedAsync(earlier.Id(), Register.Item(ReviewApp.Start.AddHours(-1), name: "Bartholomew Xylander", relationship: "brother",
            summary: "Says Quillon Marchbanks met Ottoline Vexcombe from an app the night before."));
        // A refused request with a name in it: the refusal must not be logged with the body.
        var refused = await officer.PostAsJsonAsync($"/api/cases/{earlier.Id()}/family-information",
            new { providedBy = new { name = "Perpetua Glanville", relationship = 7 } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        // A later death like it: a linkage candidate, whose officers are told; then a "linked" decision, which tells more.
        var later = await officer.CreateCaseAsync(LinkageCases.Death(place, "2014-08-28T06:00:00Z", "Perpetua Glanville", persons: family));
        (await officer.DisposeAsync(later.Id(), earlier.Id(), "linked", "Same place, same drug, same finder.")).EnsureSuccessStatusCode();

        // Everything overdue, escalated up the ladder: assignee, supervisor, inspector; the family item too.
        foreach (var hours in new[] { 4, 12, 36, 72 })
        {
            app.Clock.Advance(TimeSpan.FromHours(hours));
            await app.SweepAsync();
            await app.DeliverAllDueAsync();
        }

        var mail = app.Mail.Received;
        var aboutEarlier = app.MailAbout(earlier);
        var aboutLater = app.MailAbout(later);
        Assert.NotEmpty(aboutEarlier);
        Assert.NotEmpty(aboutLater);
        Assert.Contains(app.OutboxOf(later), m => m.Kind == "linkage");
        Assert.Contains(app.OutboxOf(earlier), m => m.Kind == "linkage");
        Assert.True(mail.Count >= 6, $"only {mail.Count} emails were sent");
        Assert.All(aboutEarlier.Concat(aboutLater), m => Assert.Contains(EscalationApp.BaseUrl, m.Text));

        var leaks = new List<string>();
        foreach (var m in mail)
            foreach (var name in Names)
                if (m.Raw.Contains(name, StringComparison.OrdinalIgnoreCase) || m.Text.Contains(name, StringComparison.OrdinalIgnoreCase)
                    || m.Html.Contains(name, StringComparison.OrdinalIgnoreCase) || m.Subject.Contains(name, StringComparison.OrdinalIgnoreCase))
                    leaks.Add($"email '{m.Subject}' names {name}");
        var logs = app.Logs.Lines;
        Assert.True(logs.Count > 100, $"only {logs.Count} log lines captured");
        foreach (var line in logs)
            foreach (var name in Names)
                if (line.Contains(name, StringComparison.OrdinalIgnoreCase))
                    leaks.Add($"log names {name}: {line[..Math.Min(line.Length, 300)]}");
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Distinct().Take(20)));

        // What the mail does carry: the references, so the reader can find the case.
        Assert.All(aboutEarlier, m => Assert.Contains(earlier.GetProperty("reference").GetString()!, m.Subject + m.Text));
        Assert.All(aboutLater, m => Assert.Contains(later.GetProperty("reference").GetString()!, m.Subject + m.Text));
        Assert.NotNull(item.GetProperty("id").ToString());
    }
}
