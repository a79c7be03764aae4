using System.Globalization;

namespace ReviewWorkflow.Web.Ui;

/// <summary>Reads what form inputs send into the types the services take; a value that does not parse is reported, never guessed.</summary>
public static class FormInput
{
    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];

    /// <summary>A <c>datetime-local</c> value, taken as UTC (the pages say so next to every time input).</summary>
    public static bool TryUtc(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (!DateTime.TryParseExact(text.Trim(), LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            return false;
        value = new DateTimeOffset(at, TimeSpan.Zero);
        return true;
    }

    /// <summary>The ISO-8601 form of a <c>datetime-local</c> value with its zone (UTC), or null when it is not one.</summary>
    public static string? IsoUtc(string? text) =>
        TryUtc(text, out var at) ? at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : null;

    public static bool TryNumber(string? text, out double value) =>
        double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>A latitude or longitude typed on a form: null when blank; when not a number, null and an error for <paramref name="key"/>.</summary>
    public static double? Coordinate(string? text, string key, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (TryNumber(text, out var value)) return value;
        errors[key] = ["must be a number, e.g. 51.5391"];
        return null;
    }

    /// <summary>Items separated by commas or new lines, trimmed, blanks dropped.</summary>
    public static List<string> Items(string? text) =>
        (text ?? "").Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>One item per line (list answers may themselves contain commas).</summary>
    public static List<string> Lines(string? text) =>
        (text ?? "").Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
