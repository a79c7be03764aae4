using Npgsql;
using ReviewWorkflow.Engine.Linkage;
using ReviewWorkflow.Web.Linkage;

namespace ReviewWorkflow.Web.Search;

/// <summary>
/// The search box: the cases a user may see whose reference, names (folded as linkage folds them,
/// and by trigram for misspellings), phone numbers and emails (normalised as linkage does), place or
/// substances match what was typed. Names, phones and emails are read from linkage's identifier
/// table, which already holds every person of every case, item and step answer; places and substances
/// from the case. Every branch is indexed (Data/Migrations/SearchIndexes.cs), so the cost follows the hits.
/// </summary>
public static class CaseSearch
{
    public const int MaxQuery = 200;
    public const int Shown = 50;
    private const string NameSimilarity = "0.5";

    public static string? Invalid(string? q) =>
        string.IsNullOrWhiteSpace(q) ? "required: a reference, name, phone number, email, place or substance"
        : q.Length > MaxQuery ? $"at most {MaxQuery} characters" : null;

    public static async Task<SearchDto> RunAsync(ReviewDb db, CurrentUser user, string q, CancellationToken ct)
    {
        var text = q.Trim();
        // The user's team is a condition of every branch, not of their union: each branch's index
        // then meets the team's cases, rather than every force's hits being found and thrown away.
        var scope = user.SeesAllTeams ? "" : "AND c.team = @team";
        // Only constants are interpolated (the scope's text, the limit); what was typed goes in as parameters.
        var sql = $"""
            WITH hits AS (
                SELECT c.id AS case_id, 10.0::float8 AS score, 'reference ' || c.reference AS matched
                FROM cases AS c WHERE c.reference = @reference {scope}
              UNION ALL
                SELECT c.id, 6.0, i.kind || ' ' || i.value || ' (' || i.role || ')'
                FROM linkage_identifiers AS i JOIN cases AS c ON c.id = i.case_id
                WHERE i.kind = 'phone' AND i.value = @phone {scope}
              UNION ALL
                SELECT c.id, 6.0, i.kind || ' ' || i.value || ' (' || i.role || ')'
                FROM linkage_identifiers AS i JOIN cases AS c ON c.id = i.case_id
                WHERE i.kind = 'email' AND i.value = @email {scope}
              UNION ALL
                SELECT c.id, 1.0 + 4.0 * greatest(similarity(@name, i.value), word_similarity(@name, i.value)),
                       CASE WHEN i.value = @name THEN 'name ' ELSE 'name like ' END || i.value || ' (' || i.role || ')'
                FROM linkage_identifiers AS i JOIN cases AS c ON c.id = i.case_id
                -- %: the whole name alike (a misspelt first name); <%: the words typed within a longer name (a surname alone).
                WHERE i.kind IN ('name', 'person-mention', 'mention') AND (@name % i.value OR @name <% i.value) {scope}
              UNION ALL
                SELECT c.id, 1.0 + ts_rank(to_tsvector('simple', c.location_description), plainto_tsquery('simple', @text)), 'place ' || c.location_description
                FROM cases AS c WHERE to_tsvector('simple', c.location_description) @@ plainto_tsquery('simple', @text) {scope}
              UNION ALL
                SELECT c.id, word_similarity(@place, lower(c.location_description)), 'place like ' || c.location_description
                FROM cases AS c WHERE @place <% lower(c.location_description) {scope}
              UNION ALL
                SELECT c.id, 2.0, 'substance ' || array_to_string(c.substances, ', ')
                FROM cases AS c WHERE c.substance_families && @families {scope}
            )
            SELECT c.id AS case_id, c.reference, c.deceased_name, c.found_at, c.location_description AS place, c.status,
                   sum(h.score) AS score, array_agg(DISTINCT h.matched) AS matched
            FROM hits AS h JOIN cases AS c ON c.id = h.case_id
            GROUP BY c.id
            ORDER BY sum(h.score) DESC, c.found_at DESC
            LIMIT {Shown}
            """;
        // A misspelt name is still half its trigrams (pg_trgm's default, 0.3, lets a shared first name in, and the
        // index hands back thousands of rows to recheck). Set for this transaction only: pooled connections are
        // not reset when returned (DatabaseSetup), so a session setting would outlive the search.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync($"SET LOCAL pg_trgm.similarity_threshold = {NameSimilarity}", ct);
        var rows = await db.Database.SqlQueryRaw<Row>(sql,
            new NpgsqlParameter("reference", text.ToUpperInvariant()),
            new NpgsqlParameter("phone", Digits(text) >= 7 ? PersonIdentifiers.Phone(text) ?? "" : ""),
            new NpgsqlParameter("email", PersonIdentifiers.Email(text) ?? ""),
            new NpgsqlParameter("name", Folding.FoldName(text)),
            new NpgsqlParameter("text", text),
            new NpgsqlParameter("place", text.ToLowerInvariant()),
            new NpgsqlParameter("families", SubstanceCatalog.Read([text]).Families.Where(f => !f.StartsWith('?')).ToArray()),
            new NpgsqlParameter("team", user.Team)).ToListAsync(ct);
        await tx.CommitAsync(ct);
        return new SearchDto(text, [.. rows.Select(r => new SearchResultDto(r.CaseId, r.Reference, r.DeceasedName, r.FoundAt, r.Place,
            r.Status.ToLowerInvariant(), Math.Round(r.Score, 3), r.Matched.Distinct().ToList()))]);
    }

    private static int Digits(string text) => text.Count(char.IsAsciiDigit);

    private sealed record Row(Guid CaseId, string Reference, string DeceasedName, DateTimeOffset FoundAt, string Place, string Status, double Score, string[] Matched);
}
