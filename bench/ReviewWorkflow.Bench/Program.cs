using ReviewWorkflow.Bench;
using ReviewWorkflow.Bench.Escalation;
using ReviewWorkflow.Bench.Migration;
using ReviewWorkflow.Bench.Throughput;

// bench/run.sh SUBCOMMAND …  (see bench/run.sh)
return args switch
{
    ["linkage", .. var rest] => await Linkage(rest),
    ["escalation", .. var rest] => await EscalationBench.RunAsync(rest),
    ["throughput", .. var rest] => await ThroughputBench.RunAsync(rest),
    ["migration", .. var rest] => await MigrationBench.RunAsync(rest),
    _ => Usage(),
};

static Task<int> Linkage(string[] rest)
{
    int Option(string name, int fallback)
    {
        var i = Array.IndexOf(rest, name);
        return i >= 0 && i + 1 < rest.Length && int.TryParse(rest[i + 1], out var value) ? value : fallback;
    }
    return LinkageBench.RunAsync(
        deaths: Option("--deaths", 1_000_000), queries: Option("--queries", 1000), baseline: Option("--baseline", 100), seed: Option("--seed", 42));
}

static int Usage()
{
    Console.Error.WriteLine("usage: ReviewWorkflow.Bench linkage [--deaths N] [--queries N] [--baseline N] [--seed N]");
    Console.Error.WriteLine("       ReviewWorkflow.Bench escalation [--open N] [--overdue N] [--messages N]");
    Console.Error.WriteLine("       ReviewWorkflow.Bench migration [--cases N]");
    Console.Error.WriteLine("       ReviewWorkflow.Bench throughput [--cases N] [--duration S] [--page-duration S] [--levels 1,8,32,64] [--diagnose]");
    return 2;
}
