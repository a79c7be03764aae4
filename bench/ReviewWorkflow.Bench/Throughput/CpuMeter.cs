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

    public (double App, double Postgres) Seconds()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        var pg = 0.0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            var stat = Stat(pid);
            if (stat is { } s && (pid == postmaster || s.Parent == postmaster)) pg += s.Cpu;
        }
        return ((Stat(appPid)?.Cpu ?? double.NaN), pg);
    }

    private static (int Parent, double Cpu)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
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
