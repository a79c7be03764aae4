using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ReviewWorkflow.Web;
using ReviewWorkflow.Web.Infrastructure;

namespace ReviewWorkflow.Bench.Throughput;

/// <summary>
/// The app as its own process (the published Release build of ReviewWorkflow.Web.dll), the way it runs in
/// service: its memory and start-up are its own, not mixed with the load generator's.
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AppServer(Process process, string url, Stopwatch started)
    {
        _process = process;
        Url = url;
        Started = started;
    }

    public string Url { get; }
    public Stopwatch Started { get; }
    public int Pid => _process.Id;

    /// <summary>The web app as deployed: published in Release for linux-x64 (ReadyToRun), as bench/run.sh and the Dockerfile do.</summary>
    public static string Dll()
    {
        // Another build of the app (an older commit, to compare before and after a change).
        if (Environment.GetEnvironmentVariable("BENCH_APP_DLL") is { Length: > 0 } other) return other;
        var src = RepositoryFolders.Find("src") ?? throw new InvalidOperationException("no src/ folder above the bench");
        var dll = Path.Combine(src, "ReviewWorkflow.Web", "bin", "Release", "net10.0", "linux-x64", "publish", "ReviewWorkflow.Web.dll");
        return File.Exists(dll) ? dll
            : throw new InvalidOperationException($"{dll} is missing: dotnet publish src/ReviewWorkflow.Web -c Release -r linux-x64 --self-contained false (bench/run.sh does)");
    }

    public static AppServer Start(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var dll = Dll();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = url,
            ["ConnectionStrings:Default"] = connectionString,
            ["Workflows:Path"] = RepositoryFolders.Find("workflows") ?? throw new InvalidOperationException("no workflows/ folder"),
            // The template case walks the procedure's v1 (Api.WorkSteps), so figures compare with earlier runs.
            ["Workflows:StartOn:unexplained-death"] = "1",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        foreach (var (key, value) in environment) start.Environment[key.Replace(":", "__")] = value;
        var process = new Process { StartInfo = start };
        var started = Stopwatch.StartNew();
        var app = new AppServer(process, url, started);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) app._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) app._output.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Polls /health until it answers 200; returns the time since the process was started.</summary>
    public async Task<TimeSpan> WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"the app exited with {_process.ExitCode}:\n{string.Join("\n", _output.TakeLast(30))}");
            try
            {
                if ((await http.GetAsync($"{Url}/health")).StatusCode == HttpStatusCode.OK) return Started.Elapsed;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            if (Started.Elapsed > timeout) throw new TimeoutException($"the app was not healthy after {timeout}:\n{string.Join("\n", _output.TakeLast(30))}");
            await Task.Delay(10); // the polling interval bounds the start-up figure's resolution
        }
    }

    /// <summary>Resident memory (VmRSS) of the app process, in MB.</summary>
    public double ResidentMegabytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        return double.NaN;
    }

    public IReadOnlyList<string> Output => _output.ToList();

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
