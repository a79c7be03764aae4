using ReviewWorkflow.Bench;

// bench/run.sh linkage [--deaths N] [--queries N] [--baseline N] [--seed N]
if (args is not ["linkage", .. var rest])
{
    Console.Error.WriteLine("usage: ReviewWorkflow.Bench linkage [--deaths N] [--queries N] [--baseline N] [--seed N]");
    return 2;
}
int Option(string name, int fallback)
{
    var i = Array.IndexOf(rest, name);
    return i >= 0 && i + 1 < rest.Length && int.TryParse(rest[i + 1], out var value) ? value : fallback;
}
return await LinkageBench.RunAsync(
    deaths: Option("--deaths", 1_000_000), queries: Option("--queries", 1000), baseline: Option("--baseline", 100), seed: Option("--seed", 42));
