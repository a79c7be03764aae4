namespace ReviewWorkflow.Web.Workflows;

/// <summary><c>migrate</c>: the dry run (or, with <c>--apply</c>, the move) of <c>POST /api/admin/migrations</c> from the command line.</summary>
public static class MigrateCommand
{
    public const string Usage = "usage: migrate --from KEY/VERSION --to KEY/VERSION [--redo STEP]... [--apply] [CASE-REFERENCE-OR-ID...]";

    private static readonly CurrentUser Actor = new("system:migrate", "migrate (command line)", Roles.Admin, "");

    public static async Task<int> RunAsync(WebApplication app, string[] args, TextWriter? output = null)
    {
        var @out = output ?? Console.Out;
        string? from = null, to = null;
        var redo = new List<string>();
        var cases = new List<string>();
        var apply = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--from" when i + 1 < args.Length: from = args[++i]; break;
                case "--to" when i + 1 < args.Length: to = args[++i]; break;
                case "--redo" when i + 1 < args.Length: redo.Add(args[++i]); break;
                case "--apply": apply = true; break;
                case var a when a.StartsWith("--", StringComparison.Ordinal):
                    await @out.WriteLineAsync($"migrate: unknown option {a}\n{Usage}");
                    return 2;
                default: cases.Add(args[i]); break;
            }
        }
        if (Parse(from) is not { } source || Parse(to) is not { } target)
        {
            await @out.WriteLineAsync(Usage);
            return 2;
        }

        using var scope = app.Services.CreateScope();
        var (report, errors) = await scope.ServiceProvider.GetRequiredService<CaseMigration>()
            .RunAsync(new MigrationRequest(source, target, cases, redo, apply), Actor);
        if (report is null)
        {
            foreach (var (key, messages) in errors) foreach (var m in messages) await @out.WriteLineAsync($"{key}: {m}");
            return 2;
        }
        foreach (var line in Lines(report)) await @out.WriteLineAsync(line);
        return report.Apply && report.Applied < report.Cases ? 1 : 0;
    }

    private static WorkflowVersionRef? Parse(string? text) =>
        text?.Split('/') is [var key, var v] && int.TryParse(v.TrimStart('v'), out var version) ? new(key, version) : null;

    /// <summary>The plan in words, case by case, as the admin page shows it.</summary>
    public static IEnumerable<string> Lines(MigrationReport report)
    {
        foreach (var r in report.Results)
        {
            yield return $"{r.Reference}: {r.From} -> {r.To}: " + (r.Applied ? "moved" : r.CanApply ? (report.Apply ? "not moved" : "can move") : "refused");
            foreach (var why in r.Refusals) yield return $"  refused: {why}";
            yield return $"  steps added: {List(r.StepsAdded)}";
            yield return $"  steps removed: {List(r.StepsRemoved)}";
            yield return $"  steps unchanged: {r.StepsUnchanged.Count}";
            yield return $"  answers carried: {List(r.AnswersCarried.Select(a => $"{a.Step}.{a.Field}"))}";
            yield return $"  answers lost or invalid: {List(r.AnswersLost.Select(a => $"{a.Step}.{a.Field} ({a.Reason}{(a.Blocks ? "; redo needed" : "")})"))}";
            yield return $"  approvals lapsing: {List(r.ApprovalsLapsing.Select(a => $"{a.Step} ({a.Reason})"))}";
            yield return $"  new deadlines: {List(r.Deadlines.Where(d => d.Before != d.DueAt).Select(d => $"{d.Step} {Display.Time(d.DueAt)}" + (d.Before is { } b ? $" (was {Display.Time(b)})" : "")))}";
            if (r.Redo.Count > 0) yield return $"  to redo: {List(r.Redo)}";
        }
        yield return $"{report.Cases} case(s) on {report.From}: {report.CanApply} can move to {report.To}" + (report.Apply ? $", {report.Applied} moved" : " (dry run)");
    }

    private static string List(IEnumerable<string> items) => string.Join(", ", items) is { Length: > 0 } s ? s : "none";
}
