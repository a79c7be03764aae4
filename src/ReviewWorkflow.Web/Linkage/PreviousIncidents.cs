using System.Text.Json;
using System.Text.RegularExpressions;
using ReviewWorkflow.Engine.Commands;

namespace ReviewWorkflow.Web.Linkage;

/// <summary>An earlier case at a case's address: the same address once normalised, or a place within 50 m.</summary>
public sealed record EarlierIncident(Guid Id, string Reference, DateTimeOffset FoundAt, string Place, double Metres, bool SameAddress);

/// <summary>
/// v2's "previous incidents at the address" (<see cref="EarlierIncidents"/>): finds the cases found earlier at the
/// same address or within <see cref="Metres"/> of the place, for the step's form and its completion, which must confirm
/// each by reference; and, when a case is recorded, sends back the completed checks of cases found later at that
/// address, which could not have listed it.
/// </summary>
public sealed partial class PreviousIncidents(ReviewDb db, IServiceScopeFactory scopes)
{
    public const double Metres = 50;

    /// <summary>Who sends a check back: it must reach every team's cases, as the linkage check does.</summary>
    public static readonly CurrentUser Actor = new("system:previous-incidents", "Previous incidents check", Roles.Inspector, "");

    /// <summary>
    /// Lower case, every run of anything but letters and digits one space, trimmed: "12, Cooke St." and "12 cooke st" match.
    /// The same expression indexes <c>cases.location_description</c> (Data/Migrations/SearchIndexes.cs), so the match uses the index.
    /// </summary>
    public static string Normalise(string? address) => NonWord().Replace((address ?? "").ToLowerInvariant(), " ").Trim();

    /// <summary>
    /// The text an address is matched on: its normalised form when it names a numbered address ("12 cooke street"); empty
    /// otherwise, since a description such as "a flat" or "home" names no one place and would match deaths anywhere.
    /// </summary>
    public static string MatchText(string? address) =>
        Normalise(address) is var text && text.Any(char.IsAsciiDigit) && text.Split(' ').Length >= 2 ? text : "";

    public Task<List<EarlierIncident>> EarlierThanAsync(Guid caseId, CancellationToken ct) => MatchesAsync(caseId, earlier: true, ct);

    /// <summary>The answers' refusals when an earlier case listed is not confirmed (empty for any other step).</summary>
    public async Task<Dictionary<string, string[]>> CheckAsync(CaseContext context, string stepKey, IReadOnlyDictionary<string, JsonElement> fields, CancellationToken ct)
    {
        if (stepKey != EarlierIncidents.StepKey || context.Definition.FindStep(stepKey) is null) return [];
        List<string> confirmed = fields.TryGetValue(EarlierIncidents.IncidentsField, out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)] : [];
        return EarlierIncidents.Unconfirmed(confirmed, (await EarlierThanAsync(context.Case.Id, ct)).Select(i => i.Reference));
    }

    /// <summary>
    /// After a case is recorded: each case found later at its address whose check is done without it has the check sent
    /// back to its officer (on a closed case, the case goes back on the review list). A case changed meanwhile by
    /// someone else is tried again.
    /// </summary>
    public async Task ReopenLaterChecksAsync(Case recorded, CancellationToken ct)
    {
        foreach (var later in await MatchesAsync(recorded.Id, earlier: false, ct))
        {
            for (var attempt = 0; attempt < 3; attempt++)
            {
                // A scope of its own: the caller's tracked case stays as it is, and a lost race leaves nothing behind.
                using var scope = scopes.CreateScope();
                var cases = scope.ServiceProvider.GetRequiredService<CaseProcedure>();
                if (await cases.LoadAsync(later.Id, Actor, ct) is not { } context) break;
                var outcome = await cases.DecideAsync(context, Actor, "step.reopened",
                    now => EarlierIncidents.Reopen(context.Definition, context.State, recorded.Reference, Actor.ToActor(), now), ct);
                if (!LostRace(outcome)) break;
            }
        }
    }

    /// <summary>
    /// After a case's place is corrected, inside the correction's transaction (the row saved, so the search reads the new
    /// place): its own completed check goes back for the earlier cases it does not list, and each case found later at the
    /// new place whose completed check does not list this one goes back too (a closed one back on the review list), as when
    /// an earlier case is recorded late. The outcome for the corrected case; a conflict when any of them was changed by
    /// someone else meanwhile, and the caller then rolls the whole correction back.
    /// </summary>
    public async Task<CaseOutcome> AfterPlaceCorrectedAsync(CaseProcedure cases, CaseDone corrected, CancellationToken ct)
    {
        CaseOutcome outcome = corrected;
        var context = corrected.Context;
        if (corrected.Evaluation[EarlierIncidents.StepKey] is { State: StepState.Completed }
            && (await EarlierThanAsync(context.Case.Id, ct)).Select(i => i.Reference).ToList() is { Count: > 0 } earlier)
        {
            var own = await cases.DecideAsync(context, Actor, "step.reopened",
                now => EarlierIncidents.Reopen(context.Definition, context.State, earlier, Corrected, Actor.ToActor(), now), ct);
            if (LostRace(own)) return own;
            if (own is CaseDone) outcome = own;
        }
        foreach (var later in await MatchesAsync(context.Case.Id, earlier: false, ct))
        {
            if (await cases.LoadAsync(later.Id, Actor, ct) is not { } other) continue;
            var reopened = await cases.DecideAsync(other, Actor, "step.reopened",
                now => EarlierIncidents.Reopen(other.Definition, other.State, [context.Case.Reference], Corrected, Actor.ToActor(), now), ct);
            if (LostRace(reopened)) return reopened;
        }
        return outcome;
    }

    private const string Corrected = "an earlier case matches this address since a place was corrected";

    private static bool LostRace(CaseOutcome outcome) =>
        outcome is CaseRefused { Refusal: { Kind: RefusalKind.Conflict } refusal } && refusal.Reasons.Any(r => r.Contains("someone else"));

    private async Task<List<EarlierIncident>> MatchesAsync(Guid caseId, bool earlier, CancellationToken ct)
    {
        var me = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => new { c.LocationDescription, c.FoundAt }).FirstOrDefaultAsync(ct);
        if (me is null) return [];
        var address = MatchText(me.LocationDescription);
        // Two indexed lookups (the place's GiST index, the normalised address's index), joined.
        return await db.Database.SqlQuery<EarlierIncident>($"""
            WITH me AS (SELECT place, found_at FROM cases WHERE id = {caseId}),
            near AS (
                SELECT c.id FROM cases c, me WHERE ST_DWithin(c.place, me.place, {Metres}, false)
                UNION
                SELECT c.id FROM cases c WHERE {address} <> '' AND btrim(regexp_replace(lower(c.location_description), '[^a-z0-9]+', ' ', 'g')) = {address}
            )
            SELECT c.id, c.reference, c.found_at, c.location_description AS place,
                   round(ST_Distance(c.place, me.place, false)::numeric, 0)::float8 AS metres,
                   ({address} <> '' AND btrim(regexp_replace(lower(c.location_description), '[^a-z0-9]+', ' ', 'g')) = {address}) AS same_address
            FROM near JOIN cases c ON c.id = near.id, me
            WHERE c.id <> {caseId} AND CASE WHEN {earlier} THEN c.found_at < me.found_at ELSE c.found_at > me.found_at
                  AND EXISTS (SELECT 1 FROM case_steps s WHERE s.case_id = c.id AND s.key = {EarlierIncidents.StepKey} AND s.state = 'Completed') END
            ORDER BY c.found_at, c.reference
            """).ToListAsync(ct);
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWord();
}
