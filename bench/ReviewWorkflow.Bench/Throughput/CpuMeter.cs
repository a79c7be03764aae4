using System.Globalization;

namespace ReviewWorkflow.Bench.Throughput;

/// <summary>
/// CPU time used by the app process and by the cluster's server processes (the postmaster and its
/// children), from /proc: on a machine shared with others, CPU per request says more about our
/// code than requests per second do.
/// </summary>
public sealed class CpuMeter(int appPid, string dataDirectory)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public (double App, double Postgres, IReadOnlyDictionary<int, double> Jit) Seconds()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        var pg = 0.0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            var stat = Stat(pid);
            if (stat is { } s && (pid == postmaster || s.Parent == postmaster)) pg += s.Cpu;
        }
        return ((Stat(appPid)?.Cpu ?? double.NaN), pg, JitSeconds());
    }

    /// <summary>
    /// CPU of the runtime's background compiler thread(s), by thread id: while it is busy the app is
    /// still warming up (hot methods being recompiled at a higher tier), and figures taken then are
    /// not the steady state. The runtime ends the thread when idle and starts another when needed.
    /// </summary>
    private Dictionary<int, double> JitSeconds()
    {
        var threads = new Dictionary<int, double>();
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{appPid}/task"))
            {
                if (!File.ReadAllText(Path.Combine(task, "comm")).StartsWith(".NET Tiered Com", StringComparison.Ordinal)) continue;
                if (int.TryParse(Path.GetFileName(task), out var tid) && StatAt($"/proc/{appPid}/task/{tid}/stat") is { } s) threads[tid] = s.Cpu;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // the process or a thread ended meanwhile: what was read so far
        }
        return threads;
    }

    /// <summary>JIT seconds between two readings; a compiler thread that ended in between is not counted (a lower bound).</summary>
    public static double JitBetween(IReadOnlyDictionary<int, double> before, IReadOnlyDictionary<int, double> after) =>
        after.Sum(t => t.Value - before.GetValueOrDefault(t.Key));

    private static (int Parent, double Cpu)? Stat(int pid) => StatAt($"/proc/{pid}/stat");

    private static (int Parent, double Cpu)? StatAt(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            // The command name may hold spaces; the fields after it start after the last ')'.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (int.Parse(fields[1], CultureInfo.InvariantCulture),
                (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // gone meanwhile
        }
    }
}
