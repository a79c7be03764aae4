using System.Globalization;

namespace ReviewWorkflow.Web.Linkage;

/// <summary>
/// After historical deaths are imported, every death recorded in the application is compared again:
/// an imported death is an earlier death recorded late, and no earlier death may escape a later
/// link (F8). Each case is re-checked as a change of its own (one transaction, audit, the case row
/// as concurrency token), so a case being worked on meanwhile is retried, never overwritten.
/// </summary>
public static class LinkageRecheck
{
    private const int Attempts = 3;
    private const int ProgressEvery = 500;

    public static readonly CurrentUser Actor = new(HistoricalDeathWriter.OfficerId, "import-deaths (command line)", Roles.Admin, "");

    /// <returns>The number of cases that could not be re-checked (changed by someone else on every attempt).</returns>
    public static async Task<int> RunAsync(IServiceProvider services, TextWriter @out, CancellationToken ct = default)
    {
        List<Guid> ids;
        using (var scope = services.CreateScope())
        {
            ids = await scope.ServiceProvider.GetRequiredService<ReviewDb>().Cases
                .Where(c => c.OfficerId != HistoricalDeathWriter.OfficerId).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
        }
        if (ids.Count == 0) return 0;
        await @out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"re-checking linkage of {ids.Count:N0} recorded case(s) against the imported deaths"));

        var failed = new List<Guid>();
        var withCandidates = 0;
        for (var i = 0; i < ids.Count; i++)
        {
            var outcome = await RecheckAsync(services, ids[i], ct);
            if (outcome is null) failed.Add(ids[i]);
            else if (outcome.Value) withCandidates++;
            if ((i + 1) % ProgressEvery == 0)
                await @out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {i + 1,12:N0} of {ids.Count:N0} re-checked"));
        }
        await @out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"re-checked {ids.Count - failed.Count:N0} recorded case(s); {withCandidates:N0} with candidates to decide"));
        foreach (var id in failed)
            await @out.WriteLineAsync($"case {id}: changed by someone else on every attempt; edit its facts (PATCH) to re-check it");
        return failed.Count;
    }

    /// <returns>Whether the case has undecided candidates after the check; null when it could not be saved.</returns>
    private static async Task<bool?> RecheckAsync(IServiceProvider services, Guid id, CancellationToken ct)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            // A fresh context per attempt: a lost race leaves stale tracked rows behind.
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ReviewDb>();
            var cases = scope.ServiceProvider.GetRequiredService<CaseProcedure>();
            if (await cases.LoadAsync(id, Actor, ct) is not { } context) return false; // deleted meanwhile: nothing to compare
            var outcome = await cases.SaveAsync(context, Actor, "linkage.rechecked", new { reason = "historical deaths imported" }, [],
                cases.Now(), ct, recheckLinkage: true);
            if (outcome is CaseDone) return await db.LinkageCandidates.AnyAsync(x => x.CaseId == id && x.Decision == null, ct);
        }
        return null;
    }
}
