using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using ReviewWorkflow.Web.Tests.Support;
using Xunit.Abstractions;

namespace ReviewWorkflow.Web.Tests.Escalation;

/// <summary>
/// The app as real processes against one database and a real SMTP server: killed with SIGKILL in
/// the middle of its work, or running twice at once. These take tens of seconds each.
/// </summary>
public sealed class ProcessReliabilityTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private const string OpenDatedSteps = "FROM case_steps WHERE due_at IS NOT NULL AND state IN ('Blocked', 'Available', 'Returned')";

    [Fact]
    public async Task AnAppKilledMidSweepAndMidDeliveryLosesNoEscalationAndSendsNoneTwice()
    {
        await using var mail = SmtpSink.Started();
        var db = await OverdueCasesAsync(cases: 20);
        var expected = await CountAsync(db, $"SELECT count(*) * 3 {OpenDatedSteps}"); // every rung of every step is due
        Assert.True(expected >= 20 * 3 * 5, $"expected a backlog, found {expected}");

        // 1. Killed while a sweep batch is written but not committed (and while mail goes out).
        // A slow database (each batch held open) and a slow mail server make the kill land inside a
        // batch, as a crash would, rather than in the instant between the mail server's acceptance and
        // our commit: that instant is the only place a duplicate can come from, and a kill timed on an
        // arrival would aim straight at it. Neither needs anything of the app: it runs as deployed.
        await HoldSweepBatchesAsync(db, TimeSpan.FromMilliseconds(300));
        mail.SlowRecipients = TimeSpan.FromMilliseconds(200);
        await using (var first = AppProcess.Start("first", db, Settings(mail, ("Escalation:BatchSize", "10"))))
        {
            await first.WaitHealthyAsync(Patience);
            await Wait.UntilAsync(async () => await CountAsync(db, "SELECT count(*) FROM escalations") >= 30 && await SweepBatchOpenAsync(db),
                Patience, "a sweep batch in progress after some were committed");
            await first.KillAsync();
        }
        var recordedAtKill = await CountAsync(db, "SELECT count(*) FROM escalations");
        Assert.InRange(recordedAtKill, 30, expected - 1);
        // The batch in progress vanished whole: every recorded escalation has its email and its audit event.
        Assert.Equal(recordedAtKill, await CountAsync(db, "SELECT count(*) FROM outbox_messages WHERE kind = 'escalation'"));
        Assert.Equal(recordedAtKill, await CountAsync(db, "SELECT count(*) FROM audit_events WHERE action = 'escalation.recorded'"));

        // 2. Killed in the middle of a delivery batch.
        var sentBefore = await CountAsync(db, "SELECT count(*) FROM outbox_messages WHERE state = 'Sent'");
        await using (var second = AppProcess.Start("second", db, Settings(mail)))
        {
            await second.WaitHealthyAsync(Patience);
            await Wait.UntilAsync(async () => await CountAsync(db, "SELECT count(*) FROM outbox_messages WHERE state = 'Sent'") >= sentBefore + 40,
                Patience, "forty more messages sent");
            await second.KillAsync();
        }
        var sentAtKill = await CountAsync(db, "SELECT count(*) FROM outbox_messages WHERE state = 'Sent'");
        Assert.InRange(sentAtKill, 1, expected - 1);

        // 3. Restarted: it finishes the work.
        mail.SlowRecipients = TimeSpan.Zero;
        await using (var third = AppProcess.Start("third", db, Settings(mail)))
        {
            await third.WaitHealthyAsync(Patience);
            await Wait.UntilAsync(async () => await CountAsync(db, "SELECT count(*) FROM escalations") == expected
                && await CountAsync(db, "SELECT count(*) FROM outbox_messages WHERE state <> 'Sent'") == 0, Patience, "every escalation recorded and sent");
        }

        var outbox = await MessageIdsAsync(db);
        // An email may carry several escalations (one per recipient per sweep): what counts is each carried once.
        var received = mail.Received.SelectMany(m => m.Items).ToList();
        var seen = new HashSet<string>();
        var duplicates = mail.Received.Count(m => !m.Items.All(seen.Add)); // emails that repeated something already sent
        output.WriteLine($"{expected} escalations; killed mid-sweep at {recordedAtKill} recorded ({sentBefore} sent), mid-delivery at {sentAtKill} sent; "
            + $"{mail.Received.Count} emails received carrying {received.Count} escalations, {received.Distinct().Count()} distinct, emails repeating one: {duplicates}");
        foreach (var twice in received.GroupBy(id => id).Where(g => g.Count() > 1))
            output.WriteLine($"sent twice: {twice.Key}: {await TextAsync(db, $"SELECT concat_ws(' ', attempts, state, last_error, created_at, sent_at) FROM outbox_messages WHERE message_id = '{twice.Key}'")}");
        Assert.Equal(expected, outbox.Count);
        Assert.Equal(outbox.Order(), received.Distinct().Order()); // nothing lost
        // Only an email accepted by the server in the instant before its commit can go twice: at most one per kill.
        Assert.InRange(duplicates, 0, 2);
    }

    [Fact]
    public async Task TwoInstancesOnOneDatabaseRecordAndMailEachEscalationOnce()
    {
        await using var mail = SmtpSink.Started();
        var db = await ReviewApp.NewDatabaseAsync();
        // An hour of deadline lasts 0.1 s: the ladders of ten cases climb over ~20 s of sweeps every second,
        // each sweep batch held open long enough for the other instance's sweep to run beside it.
        var settings = Settings(mail, ("Demo:DeadlineSpeedup", "36000"), ("Escalation:BatchSize", "5"));
        await using var one = AppProcess.Start("one", db, settings);
        await one.WaitHealthyAsync(Patience);
        await HoldSweepBatchesAsync(db, TimeSpan.FromMilliseconds(400)); // the tables exist once one has migrated
        await using var two = AppProcess.Start("two", db, settings);
        await two.WaitHealthyAsync(Patience);

        using var officer = await LoginAsync(one.Url, "officer@demo.local");
        for (var i = 0; i < 10; i++)
            Assert.Equal(System.Net.HttpStatusCode.Created, (await officer.PostAsJsonAsync("/api/cases", Api.NewCase())).StatusCode);
        var expected = await CountAsync(db, $"SELECT count(*) * 3 {OpenDatedSteps}");

        await Wait.UntilAsync(async () => await CountAsync(db, "SELECT count(*) FROM escalations") == expected
            && await CountAsync(db, "SELECT count(*) FROM outbox_messages WHERE state <> 'Sent'") == 0, Patience, "every escalation recorded and sent");
        var sweepsSoFar = await SucceededSweepsAsync(db);
        await Wait.UntilAsync(async () => await SucceededSweepsAsync(db) >= sweepsSoFar + 4, Patience, "four more sweep cycles");
        await one.KillAsync();
        await two.KillAsync();

        var received = mail.Received.SelectMany(m => m.Items).ToList();
        int Sweeps(AppProcess p) => p.Output.Count(l => l.Contains("Escalation sweep recorded"));
        output.WriteLine($"{expected} escalations over {await SucceededSweepsAsync(db)} sweeps; sweeps that recorded: one {Sweeps(one)}, two {Sweeps(two)}; "
            + $"{received.Count} emails received, {received.Distinct().Count()} distinct");
        Assert.Equal(expected, await CountAsync(db, "SELECT count(*) FROM escalations"));
        Assert.Equal(expected, await CountAsync(db, "SELECT count(*) FROM outbox_messages"));
        Assert.Equal((await MessageIdsAsync(db)).Order(), received.Order()); // each once: no loss, no duplicate
    }

    [Fact]
    public async Task ACommandLineCommandStartsNoJobs()
    {
        var db = await ReviewApp.NewDatabaseAsync();
        await using var command = AppProcess.Start("verify-audit", db, new Dictionary<string, string>(), "verify-audit");

        Assert.Equal(0, await command.WaitForExitAsync(Patience));
        Assert.Contains(command.Output, l => l.Contains("audit trail valid"));
        Assert.Equal(0, await CountAsync(db, "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'hangfire'"));
    }

    private static Dictionary<string, string> Settings(SmtpSink mail, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["Email:Host"] = "127.0.0.1",
            ["Email:Port"] = mail.Port.ToString(),
            ["Escalation:SweepCron"] = "* * * * * *",
            ["Escalation:DeliveryCron"] = "* * * * * *",
            ["Jobs:SchedulePollingInterval"] = "00:00:01",
        };
        foreach (var (key, value) in extra) settings[key] = value;
        return settings;
    }

    /// <summary>A database whose cases opened a month ago by the wall clock: every rung of every open step is due.</summary>
    private static async Task<string> OverdueCasesAsync(int cases)
    {
        await using var app = new MonthAgoApp();
        await app.InitializeAsync();
        var officer = await app.OfficerAsync();
        for (var i = 0; i < cases; i++) await officer.CreateCaseAsync();
        return app.ConnectionString;
    }

    private sealed class MonthAgoApp() : ReviewApp(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(-30).ToUnixTimeSeconds()));

    private static async Task<HttpClient> LoginAsync(string url, string email)
    {
        var client = new HttpClient { BaseAddress = new Uri(url) };
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = ReviewApp.Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// Makes the test's database slow to take a sweep's escalations: each batch stays open (its rows
    /// written, not committed) for <paramref name="hold"/>, long enough to kill the app inside it or
    /// for another instance's sweep to run beside it.
    /// </summary>
    private static async Task HoldSweepBatchesAsync(string db, TimeSpan hold)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        var seconds = hold.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var command = new NpgsqlCommand($"""
            CREATE FUNCTION test_hold_sweep_batch() RETURNS trigger LANGUAGE plpgsql AS
                'BEGIN PERFORM pg_sleep({seconds}); RETURN NULL; END';
            CREATE TRIGGER test_hold_sweep_batch AFTER INSERT ON escalations FOR EACH STATEMENT EXECUTE FUNCTION test_hold_sweep_batch();
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Another session holds uncommitted inserts into escalations: a sweep batch is being written.</summary>
    private static async Task<bool> SweepBatchOpenAsync(string db) => await CountAsync(db, """
        SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
        WHERE c.relname = 'escalations' AND l.mode = 'RowExclusiveLock' AND l.granted AND l.pid <> pg_backend_pid()
        """) > 0;

    private static Task<long> SucceededSweepsAsync(string db) =>
        CountAsync(db, "SELECT count(*) FROM hangfire.job WHERE statename = 'Succeeded' AND invocationdata::text LIKE '%SweepAsync%'");

    private static async Task<List<string>> MessageIdsAsync(string db)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT message_id FROM outbox_messages", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }

    private static async Task<string> TextAsync(string db, string sql)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync()) ?? "";
    }

    private static async Task<long> CountAsync(string db, string sql)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
