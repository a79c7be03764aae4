using System.Globalization;

namespace ReviewWorkflow.Web.Linkage;

/// <summary>A past death loaded as a closed historical case, so that later deaths are compared with it.</summary>
public sealed record HistoricalDeath(
    string? Reference, DateTimeOffset FoundAt, double Latitude, double Longitude, string Sex, int? AgeYears, string Name,
    string Location, string Circumstances, IReadOnlyList<string> Substances, IReadOnlyList<string> Markers,
    IReadOnlyList<PersonInput> Persons, string Team, string Classification, DateTimeOffset? ClosedAt);

/// <summary>
/// The CSV column set of <c>import-deaths</c> (documented in docs-snippets/linkage.md). A row is
/// checked with the same rules as a case created through the API, and each problem is reported as
/// line and column.
/// </summary>
public static class HistoricalDeathCsv
{
    public const string DefaultTeam = "historical";
    public const string DefaultClassification = "historical";

    public static readonly string[] Required = ["found_at", "latitude", "longitude", "sex"];

    public static readonly string[] Columns =
    [
        "reference", "found_at", "latitude", "longitude", "sex", "age_years", "name", "location", "circumstances",
        "substances", "markers", "persons", "team", "classification", "closed_at",
    ];

    // API field paths → CSV columns, so the shared validation's messages name the column the user wrote.
    private static readonly (string Prefix, string Column)[] FieldColumns =
    [
        ("deceased.name", "name"), ("deceased.ageYears", "age_years"), ("deceased.sex", "sex"), ("foundAt", "found_at"),
        ("location.latitude", "latitude"), ("location.longitude", "longitude"), ("location.description", "location"),
        ("circumstances", "circumstances"), ("substances", "substances"), ("markers", "markers"), ("persons", "persons"),
    ];

    /// <summary>Problems with the header line: unknown or missing columns.</summary>
    public static List<string> CheckHeader(IReadOnlyList<string> header)
    {
        var problems = new List<string>();
        foreach (var name in header.Where(h => !Columns.Contains(h.Trim().ToLowerInvariant())))
            problems.Add($"line 1: unknown column '{name}' (known: {string.Join(", ", Columns)})");
        foreach (var name in Required.Where(r => !header.Any(h => h.Trim().Equals(r, StringComparison.OrdinalIgnoreCase))))
            problems.Add($"line 1: required column '{name}' is missing");
        return problems;
    }

    /// <summary>One record as a death, or the problems that stop it, each "line N: column: message".</summary>
    public static (HistoricalDeath? Death, List<string> Problems) Parse(IReadOnlyList<string> header, IReadOnlyList<string> fields, int line, DateTimeOffset now)
    {
        var problems = new List<string>();
        void Problem(string column, string message) => problems.Add($"line {line}: {column}: {message}");
        if (fields.Count != header.Count)
        {
            Problem("(row)", $"has {fields.Count} fields, the header has {header.Count}");
            return (null, problems);
        }
        var row = header.Select((h, i) => (h.Trim().ToLowerInvariant(), fields[i].Trim())).ToDictionary(x => x.Item1, x => x.Item2);
        string Get(string column) => row.GetValueOrDefault(column) ?? "";

        DateTimeOffset? Time(string column, bool required)
        {
            var text = Get(column);
            if (text.Length == 0) { if (required) Problem(column, "required"); return null; }
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)) return t;
            Problem(column, $"'{text}' is not a date and time (use ISO 8601, e.g. 2014-06-19T04:05:00Z)");
            return null;
        }
        double? Number(string column)
        {
            var text = Get(column);
            if (text.Length == 0) return null;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)) return d;
            Problem(column, $"'{text}' is not a number");
            return double.NaN;
        }

        var foundAt = Time("found_at", required: true);
        var closedAt = Time("closed_at", required: false);
        var latitude = Number("latitude");
        var longitude = Number("longitude");
        int? age = null;
        if (Get("age_years") is { Length: > 0 } ageText)
        {
            if (int.TryParse(ageText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var a)) age = a;
            else Problem("age_years", $"'{ageText}' is not a whole number");
        }
        var persons = new List<PersonInput>();
        foreach (var entry in List(Get("persons")))
        {
            var parts = entry.Split('|');
            if (parts.Length is < 2 or > 5) { Problem("persons", $"'{entry}' is not role|name|phone|email|username"); continue; }
            string? Part(int i) => parts.Length > i && parts[i].Trim().Length > 0 ? parts[i].Trim() : null;
            persons.Add(new PersonInput(Part(1), Part(0), Part(2), Part(3), Part(4)));
        }
        if (problems.Count > 0) return (null, problems);

        var request = new CreateCaseRequest(
            new DeceasedInput(Get("name") is { Length: > 0 } n ? n : "unknown", age, Get("sex").ToLowerInvariant()),
            foundAt, new LocationInput(Get("location"), latitude, longitude), Get("circumstances"),
            List(Get("substances")), List(Get("markers")), persons, null);
        foreach (var (field, messages) in CaseValidation.Validate(request, now))
            foreach (var message in messages) Problem(ColumnOf(field), message);
        foreach (var (column, limit) in new[] { ("reference", 40), ("team", 100), ("classification", 60) })
            if (Get(column).Length > limit) Problem(column, $"at most {limit} characters");
        if (closedAt < foundAt) Problem("closed_at", "is before found_at");
        if (problems.Count > 0) return (null, problems);

        return (new HistoricalDeath(
            Get("reference") is { Length: > 0 } r ? r : null, foundAt!.Value, latitude!.Value, longitude!.Value,
            request.Deceased!.Sex!, age, request.Deceased.Name!.Trim(), Get("location"), Get("circumstances"),
            NewFacts.Distinct(request.Substances), NewFacts.Distinct(request.Markers), persons,
            Get("team") is { Length: > 0 } team ? team : DefaultTeam,
            Get("classification") is { Length: > 0 } k ? k : DefaultClassification, closedAt), problems);
    }

    private static List<string> List(string text) =>
        text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static string ColumnOf(string field)
    {
        foreach (var (prefix, column) in FieldColumns)
            if (field == prefix || field.StartsWith(prefix + "[", StringComparison.Ordinal) || field.StartsWith(prefix + ".", StringComparison.Ordinal))
                return column + field[prefix.Length..];
        return field;
    }
}
