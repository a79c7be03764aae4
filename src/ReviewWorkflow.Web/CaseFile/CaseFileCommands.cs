using System.Diagnostics;
using System.Globalization;

namespace ReviewWorkflow.Web.CaseFile;

/// <summary>
/// <c>export-files FOLDER [--redacted] (--closed | REFERENCE-OR-ID...)</c>: writes the case files of
/// the named cases, or of every closed case, into FOLDER, one line of progress per file. A reference
/// that names no case is reported and nothing is written. Every export is audited as from the web.
/// </summary>
public static class ExportFilesCommand
{
    public const string Usage = "usage: export-files FOLDER [--redacted] (--closed | REFERENCE-OR-ID...)";

    public static async Task<int> RunAsync(WebApplication app, string[] args, TextWriter? output = null)
    {
        var @out = output ?? Console.Out;
        var options = args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var words = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var unknown = options.Except(["--redacted", "--closed"]).ToList();
        var closed = options.Contains("--closed");
        if (unknown.Count > 0 || words.Count == 0 || (closed == words.Count > 1))
        {
            if (unknown.Count > 0) await @out.WriteLineAsync($"export-files: unknown option {unknown[0]}");
            await @out.WriteLineAsync(Usage);
            return 2;
        }
        var folder = words[0];
        var variant = options.Contains("--redacted") ? CaseFileVariant.Redacted : CaseFileVariant.Full;

        List<(Guid Id, string Reference)> selected;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReviewDb>();
            if (closed)
            {
                selected = [.. (await db.Cases.AsNoTracking().Where(c => c.Status == CaseStatus.Closed).OrderBy(c => c.Reference)
                    .Select(c => new { c.Id, c.Reference }).ToListAsync()).Select(c => (c.Id, c.Reference))];
            }
            else
            {
                var (found, missing) = await FindAsync(db, words.Skip(1).ToList());
                if (missing.Count > 0)
                {
                    foreach (var m in missing) await @out.WriteLineAsync($"{m}: no case has this reference or id");
                    await @out.WriteLineAsync("nothing exported");
                    return 1;
                }
                selected = found;
            }
        }
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await @out.WriteLineAsync($"{folder}: cannot create the folder: {e.Message}");
            return 2;
        }

        // The command line acts for the operator, who may see every team's cases; the variant is theirs to choose.
        var actor = new CurrentUser("export-files", "export-files (command line)", Roles.Admin, "");
        var clock = Stopwatch.StartNew();
        long bytes = 0;
        for (var i = 0; i < selected.Count; i++)
        {
            using var scope = app.Services.CreateScope();
            var file = await scope.ServiceProvider.GetRequiredService<CaseFileExport>().ExportAsync(selected[i].Id, actor, variant)
                ?? throw new InvalidOperationException($"case {selected[i].Reference} disappeared during the export");
            var path = Path.Combine(folder, file.FileName);
            await File.WriteAllBytesAsync(path, file.Pdf);
            bytes += file.Pdf.Length;
            await @out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  [{i + 1}/{selected.Count}] {file.Reference} -> {path} ({file.Pdf.Length / 1024.0:0.0} KB, {clock.Elapsed.TotalSeconds:0.0} s)"));
        }
        await @out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"exported {selected.Count} case file(s) to {folder} in {clock.Elapsed.TotalSeconds:0.0} s ({bytes / 1024.0 / 1024.0:0.0} MB)"));
        return 0;
    }

    private static async Task<(List<(Guid, string)> Found, List<string> Missing)> FindAsync(ReviewDb db, List<string> given)
    {
        var ids = given.Select(g => Guid.TryParse(g, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        var rows = await db.Cases.AsNoTracking().Where(c => given.Contains(c.Reference) || ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Reference }).ToListAsync();
        var found = new List<(Guid, string)>();
        var missing = new List<string>();
        foreach (var g in given)
        {
            var row = rows.FirstOrDefault(r => r.Reference == g || (Guid.TryParse(g, out var id) && r.Id == id));
            if (row is null) missing.Add(g);
            else if (!found.Contains((row.Id, row.Reference))) found.Add((row.Id, row.Reference));
        }
        return (found, missing);
    }
}

/// <summary><c>verify-file FILE...</c>: says of each case file whether it matches the audit trail now; exit 0 only if all do.</summary>
public static class VerifyFileCommand
{
    public static async Task<int> RunAsync(WebApplication app, string[] args, TextWriter? output = null)
    {
        var @out = output ?? Console.Out;
        if (args.Length == 0 || args.Any(a => a.StartsWith("--", StringComparison.Ordinal)))
        {
            await @out.WriteLineAsync("usage: verify-file FILE.pdf...");
            return 2;
        }
        var missing = args.Where(a => !File.Exists(a)).ToList();
        foreach (var m in missing) await @out.WriteLineAsync($"{m}: no such file");
        if (missing.Count > 0) return 2;

        var allMatch = true;
        Audit.AuditVerification chain;
        using (var scope = app.Services.CreateScope())
            chain = await Audit.AuditVerifier.VerifyAsync(scope.ServiceProvider.GetRequiredService<ReviewDb>());
        foreach (var path in args)
        {
            using var scope = app.Services.CreateScope();
            var result = await CaseFileVerifier.VerifyAsync(scope.ServiceProvider.GetRequiredService<ReviewDb>(), await File.ReadAllBytesAsync(path), _ => Task.FromResult(chain));
            allMatch &= result.Matches;
            if (result.CaseId is null)
                await @out.WriteLineAsync($"{path}: cannot be verified: {result.Problems[0]}");
            else if (result.Matches)
                await @out.WriteLineAsync($"{path}: MATCHES the audit trail (case {result.Reference}, file made {Ui.Display.UtcTime(result.ExportedAt)})");
            else
            {
                await @out.WriteLineAsync($"{path}: does NOT match the audit trail (case {result.Reference}, file made {Ui.Display.UtcTime(result.ExportedAt)})");
                foreach (var p in result.Problems) await @out.WriteLineAsync($"  - {p}");
            }
            foreach (var n in result.Notes) await @out.WriteLineAsync($"  note: {n}");
        }
        return allMatch ? 0 : 1;
    }
}
