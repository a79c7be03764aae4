using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using ReviewWorkflow.Web.Audit;
using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Web.Linkage;

/// <summary>
/// <c>import-deaths FILE.csv [--skip-invalid]</c>: loads past deaths as closed historical cases that
/// later deaths are compared with. All or nothing: a bad row is reported by line and column and
/// nothing is imported, unless <c>--skip-invalid</c> says to import the good rows and list the rest.
/// Then the deaths already recorded are compared with the imported ones (<see cref="LinkageRecheck"/>).
/// </summary>
public static class ImportDeathsCommand
{
    public const int ChunkSize = 20_000;
    private const int ProblemsShown = 50;

    public static async Task<int> RunAsync(WebApplication app, string[] args, TextWriter? output = null)
    {
        var @out = output ?? Console.Out;
        var skipInvalid = args.Contains("--skip-invalid");
        var files = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var unknown = args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a != "--skip-invalid").ToList();
        if (files.Count != 1 || unknown.Count > 0)
        {
            await @out.WriteLineAsync("usage: import-deaths FILE.csv [--skip-invalid]");
            return 2;
        }
        var path = files[0];
        if (!File.Exists(path))
        {
            await @out.WriteLineAsync($"{path}: no such file");
            return 2;
        }

        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<ReviewDb>();
        var definition = services.GetRequiredService<WorkflowRegistry>().Latest(CaseCreation.DefaultWorkflow)
            ?? throw new InvalidOperationException($"no workflow '{CaseCreation.DefaultWorkflow}' to file historical deaths under");
        var now = AuditHash.ToStoredPrecision(services.GetRequiredService<TimeProvider>().GetUtcNow());
        var code = await ImportAsync(db, services.GetRequiredService<AuditTrail>(), definition, path, skipInvalid, now, @out);
        if (code != 0) return code;
        return await LinkageRecheck.RunAsync(app.Services, @out) == 0 ? 0 : 1;
    }

    public static async Task<int> ImportAsync(ReviewDb db, AuditTrail audit, Engine.Definitions.WorkflowDefinition definition,
        string path, bool skipInvalid, DateTimeOffset now, TextWriter @out)
    {
        // Bytes that are not UTF-8 become U+FFFF, which CsvReader refuses with its line: stored as U+FFFD
        // they would silently change a name or a phone number that linkage compares.
        var utf8 = Encoding.GetEncoding("utf-8", EncoderFallback.ReplacementFallback, new DecoderReplacementFallback(CsvReader.NotUtf8.ToString()));
        using var file = new StreamReader(path, utf8, detectEncodingFromByteOrderMarks: true);
        var csv = new CsvReader(file);
        var header = csv.Read()?.Fields;
        if (header is null)
        {
            await @out.WriteLineAsync($"{path}: empty file, nothing imported");
            return 1;
        }
        var headerProblems = HistoricalDeathCsv.CheckHeader(header);
        if (headerProblems.Count > 0)
        {
            foreach (var p in headerProblems) await @out.WriteLineAsync($"{path}:{p}");
            await @out.WriteLineAsync("nothing imported");
            return 1;
        }

        var clock = Stopwatch.StartNew();
        var problems = new List<string>();
        var badRows = 0;
        var imported = 0;
        var chunk = new List<(HistoricalDeath Death, int Line)>(ChunkSize);
        var references = new Dictionary<string, int>(StringComparer.Ordinal); // reference → first line
        await using var tx = await db.Database.BeginTransactionAsync();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();

        async Task FlushAsync(int line)
        {
            var recorded = await RecordedReferencesAsync(connection, chunk.Select(r => r.Death.Reference).OfType<string>().ToArray());
            foreach (var (death, deathLine) in chunk.Where(r => r.Death.Reference is { } reference && recorded.Contains(reference)))
            {
                badRows++;
                problems.Add($"line {deathLine}: reference: '{death.Reference}' is already recorded");
            }
            chunk.RemoveAll(r => r.Death.Reference is { } reference && recorded.Contains(reference));
            // Once a bad row is seen without --skip-invalid nothing will be kept, so only checking goes on.
            if (chunk.Count == 0 || (badRows > 0 && !skipInvalid)) { chunk.Clear(); return; }
            await HistoricalDeathWriter.WriteAsync(connection, chunk.Select(r => r.Death).ToList(), definition, now);
            imported += chunk.Count;
            chunk.Clear();
            var rate = imported / Math.Max(clock.Elapsed.TotalSeconds, 0.001);
            // "Validated", not "imported": nothing is imported until the transaction commits at the end.
            await @out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {imported,12:N0} deaths read and validated (to line {line:N0}), {clock.Elapsed.TotalSeconds:0.0} s, {rate:N0}/s"));
        }

        var lastLine = 1;
        try
        {
            while (csv.Read() is { } record)
            {
                lastLine = record.Line;
                if (record.Fields is [""]) continue; // a blank line
                var (death, rowProblems) = HistoricalDeathCsv.Parse(header, record.Fields, record.Line, now);
                if (death is null)
                {
                    badRows++;
                    problems.AddRange(rowProblems);
                    continue;
                }
                if (death.Reference is { } reference && !references.TryAdd(reference, record.Line))
                {
                    badRows++;
                    problems.Add($"line {record.Line}: reference: '{reference}' repeats line {references[reference]}");
                    continue;
                }
                chunk.Add((death, record.Line));
                if (chunk.Count >= ChunkSize) await FlushAsync(record.Line);
            }
        }
        catch (FormatException e)
        {
            badRows++;
            problems.Add(e.Message);
            skipInvalid = false; // the rest of the file cannot be read reliably
        }
        await FlushAsync(lastLine);

        foreach (var p in problems.Take(ProblemsShown)) await @out.WriteLineAsync($"{path}:{p}");
        if (problems.Count > ProblemsShown) await @out.WriteLineAsync($"... and {problems.Count - ProblemsShown} more problems");
        if (badRows > 0 && !skipInvalid)
        {
            await tx.RollbackAsync();
            await @out.WriteLineAsync($"{badRows} bad row(s): nothing imported (fix the file, or use --skip-invalid to import the good rows)");
            return 1;
        }

        var actor = new CurrentUser(HistoricalDeathWriter.OfficerId, "import-deaths (command line)", Roles.Admin, "");
        await audit.AppendAsync(actor, null, "deaths.imported", new { file = Path.GetFileName(path), imported, skipped = badRows });
        await tx.CommitAsync();
        var skipped = badRows > 0 ? $"; skipped {badRows} bad row(s)" : "";
        await @out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"imported {imported:N0} historical deaths from {path} in {clock.Elapsed.TotalSeconds:0.0} s{skipped}"));
        return 0;
    }

    private static async Task<HashSet<string>> RecordedReferencesAsync(NpgsqlConnection connection, string[] references)
    {
        var recorded = new HashSet<string>(StringComparer.Ordinal);
        if (references.Length == 0) return recorded;
        await using var command = new NpgsqlCommand("SELECT reference FROM cases WHERE reference = ANY(@references)", connection);
        command.Parameters.AddWithValue("references", references);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) recorded.Add(reader.GetString(0));
        return recorded;
    }
}
