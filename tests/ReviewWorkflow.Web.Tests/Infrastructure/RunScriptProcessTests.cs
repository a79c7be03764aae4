using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using MailKit.Net.Smtp;
using MimeKit;
using ReviewWorkflow.LocalCluster;
using ReviewWorkflow.Web.Tests.Support;
using Xunit.Abstractions;

namespace ReviewWorkflow.Web.Tests.Infrastructure;

/// <summary>
/// <c>./run.sh</c> itself, as a real process: the app with its own cluster and the smtp4dev mail sink,
/// on free ports and in a throwaway directory (<c>MAIL_SINK_*</c>, <c>Database__LocalDataDirectory</c>).
/// </summary>
public sealed class RunScriptProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);
    private const string Subject = "run.sh sink check";
    private const int SigKill = 9, SigTerm = 15, SigCont = 18, SigStop = 19;

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"rw-run-{Guid.NewGuid():N}");
    private readonly int _appPort = AppProcess.FreePort(), _smtpPort = AppProcess.FreePort(), _webPort = AppProcess.FreePort();
    private readonly List<AppProcess> _runs = [];
    private readonly List<int> _frozen = [];

    private string SinkDirectory => Path.Combine(_root, "sink");
    private string DataDirectory => Path.Combine(_root, "postgres");

    [Fact]
    public async Task After_a_kill_9_and_a_quick_restart_the_app_is_given_the_one_sink_that_stays()
    {
        var first = Start("first run");
        var firstApp = await WaitServingAsync(first);
        var oldSink = Assert.Single(Sinks());
        // The first run's watcher stops its sink once it sees the app gone. Its `tail --pid` is held
        // until the second run serves: the restart comes before the watcher acts, every time.
        var oldWatch = Assert.Single(ChildrenOf(ParentOf(oldSink)), pid => CommandLine(pid).FirstOrDefault() == "tail");
        Signal(oldWatch, SigStop);
        _frozen.Add(oldWatch);

        Signal(first.Pid, SigKill); // `dotnet run`, the process run.sh became, and the app below it
        Signal(firstApp, SigKill);
        await first.WaitForExitAsync(Patience);
        var second = Start("second run");
        var secondApp = await WaitServingAsync(second);

        // Read while it is held: let go, the `tail` ends at once (the app it waits for is gone).
        var oldWatcher = ParentOf(oldWatch);
        Signal(oldWatch, SigCont);
        _frozen.Remove(oldWatch);
        await Wait.UntilAsync(() => Task.FromResult(!IsRunning(oldWatcher) && !IsRunning(oldSink)), Patience,
            "the first run's watcher and sink to end");

        var sink = Assert.Single(Sinks());
        Assert.NotEqual(oldSink, sink);
        Assert.Equal(sink.ToString(), (await File.ReadAllTextAsync(Path.Combine(SinkDirectory, "smtp4dev.pid"))).Trim());
        var settings = EnvironmentOf(secondApp);
        Assert.Equal("127.0.0.1", settings["Email__Host"]);
        Assert.Equal(_smtpPort.ToString(), settings["Email__Port"]); // the old sink's port, free again
        await SendAsync(settings["Email__Host"], int.Parse(settings["Email__Port"]));
        using (var http = new HttpClient())
        {
            Assert.Contains(Subject, await http.GetStringAsync($"http://127.0.0.1:{_webPort}/api/messages")); // in the sink's own list
        }

        // An orderly stop of the app stops its sink with it.
        Signal(secondApp, SigTerm);
        await second.WaitForExitAsync(Patience);
        await Wait.UntilAsync(() => Task.FromResult(Sinks().Count == 0), Patience, "the sink to stop with the app");
        output.WriteLine(string.Join('\n', second.Output.Where(line => line.StartsWith("Mail", StringComparison.Ordinal))));
    }

    private AppProcess Start(string name)
    {
        var script = Path.Combine(Path.GetDirectoryName(RepositoryFolders.Find("scripts"))!, "run.sh");
        var start = new ProcessStartInfo("bash") { ArgumentList = { script } };
        start.Environment.Remove("Email__Host");
        start.Environment.Remove("Email__Port");
        start.Environment.Remove("ConnectionStrings__Default");
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{_appPort}";
        start.Environment["MAIL_SINK_SMTP_PORT"] = _smtpPort.ToString();
        start.Environment["MAIL_SINK_WEB_PORT"] = _webPort.ToString();
        start.Environment["MAIL_SINK_DIR"] = SinkDirectory;
        start.Environment["Database__LocalDataDirectory"] = DataDirectory;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var run = AppProcess.Start(name, start, $"http://127.0.0.1:{_appPort}");
        _runs.Add(run);
        return run;
    }

    /// <summary>Waits for <c>/health</c> 200 and answers the app's process: after run.sh's <c>exec</c>, the child of <c>dotnet run</c>.</summary>
    private static async Task<int> WaitServingAsync(AppProcess run)
    {
        await run.WaitHealthyAsync(Patience);
        return Assert.Single(ChildrenOf(run.Pid), pid => CommandLine(pid).FirstOrDefault()?.EndsWith("/ReviewWorkflow.Web", StringComparison.Ordinal) == true);
    }

    private static async Task SendAsync(string host, int port)
    {
        using var smtp = new SmtpClient { Timeout = 30_000 };
        await smtp.ConnectAsync(host, port, MailKit.Security.SecureSocketOptions.None);
        var message = new MimeMessage { Subject = Subject, Body = new TextPart("plain") { Text = "reachable" } };
        message.From.Add(MailboxAddress.Parse("test@example.org"));
        message.To.Add(MailboxAddress.Parse("officer@demo.local"));
        await smtp.SendAsync(message); // throws unless the server accepts it
        await smtp.DisconnectAsync(quit: true);
    }

    /// <summary>The running sinks of this test: the <c>dotnet smtp4dev</c> processes on its directory.</summary>
    private List<int> Sinks() =>
        Processes().Where(pid => CommandLine(pid) is ["dotnet", "smtp4dev", .. var rest]
                                 && rest.Contains($"--baseappdatapath={SinkDirectory}/smtp4dev")
                                 && IsRunning(pid)).ToList();

    private static IEnumerable<int> Processes() =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsAsciiDigit)).Select(n => int.Parse(n!));

    private static string[] CommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries); }
        catch (IOException) { return []; }
        catch (UnauthorizedAccessException) { return []; }
    }

    private static Dictionary<string, string> EnvironmentOf(int pid) =>
        File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('=', 2)).Where(kv => kv.Length == 2).ToDictionary(kv => kv[0], kv => kv[1]);

    // /proc/PID/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses.
    private static string[]? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException) { return null; }
    }

    private static int ParentOf(int pid) => int.Parse(Stat(pid)?[1] ?? throw new InvalidOperationException($"no process {pid}"));

    private static IEnumerable<int> ChildrenOf(int parent) => Processes().Where(pid => Stat(pid)?[1] == parent.ToString());

    private static bool IsRunning(int pid) => Stat(pid) is [var state, ..] && state != "Z" && state != "X";

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    private static void Signal(int pid, int signal)
    {
        if (kill(pid, signal) != 0) throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // Whatever a failed test left: the runs (the app, the watcher, the sink), any sink, the cluster.
    public async Task DisposeAsync()
    {
        foreach (var pid in _frozen) kill(pid, SigCont);
        foreach (var run in _runs)
        {
            if (!run.HasExited) foreach (var child in ChildrenOf(run.Pid)) kill(child, SigKill); // the app, the watcher
            await run.DisposeAsync();
        }
        foreach (var sink in Sinks()) kill(-sink, SigKill); // the sink is the leader of its own process group
        if (Directory.Exists(DataDirectory))
        {
            LocalPostgres.Start(new LocalPostgresOptions(DataDirectory, Throwaway: true)).Stop();
        }
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
