using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ReviewWorkflow.Web.Tests.Support;

/// <summary>
/// The app as a separate process (the built ReviewWorkflow.Web.dll), so a test can kill it with
/// SIGKILL the way a crash or an OOM killer would, and start it again on the same database.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AppProcess(string name, Process process, string url)
    {
        Name = name;
        _process = process;
        Url = url;
    }

    public string Name { get; }
    public string Url { get; }
    public int Pid => _process.Id;
    public IReadOnlyList<string> Output => _output.ToList();
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <param name="settings">Configuration keys (<c>Email:Host</c>…), passed as environment variables.</param>
    public static AppProcess Start(string name, string connectionString, IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ReviewWorkflow.Web.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = url,
            ["ConnectionStrings:Default"] = connectionString,
            ["Demo:Seed"] = "true",
            ["Workflows:Path"] = ReviewApp.ShippedWorkflows,
            [ReviewApp.StartOnV1.Key] = ReviewApp.StartOnV1.Value,
            ["Seeds:Path"] = RepositoryFolders.Find("seeds") ?? throw new InvalidOperationException("no seeds/ folder above the tests"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:ReviewWorkflow"] = "Information",
        };
        foreach (var (key, value) in settings) environment[key] = value;
        foreach (var (key, value) in environment) start.Environment[key.Replace(":", "__")] = value;

        return Start(name, start, url);
    }

    /// <summary>Any process that serves the app on <paramref name="url"/> (<c>./run.sh</c>, …), its output collected.</summary>
    public static AppProcess Start(string name, ProcessStartInfo start, string url)
    {
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var process = new Process { StartInfo = start };
        var app = new AppProcess(name, process, url);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) app._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) app._output.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Wait.UntilAsync(async () =>
        {
            if (_process.HasExited) Assert.Fail($"{Name} exited with {_process.ExitCode}:\n{string.Join("\n", Output.TakeLast(30))}");
            try
            {
                return (await http.GetAsync($"{Url}/health")).StatusCode == HttpStatusCode.OK;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false; // not listening yet, or too busy starting to answer within the probe's timeout
            }
        }, timeout, $"{Name} to become healthy");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown, no flushing, no chance to finish what it was doing.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Waiting on a condition instead of sleeping for a guessed time.</summary>
public static class Wait
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout) Assert.Fail($"timed out after {timeout} waiting for {what}");
            await Task.Delay(PollInterval); // how often to look, not a guess at how long the work takes
        }
    }
}
