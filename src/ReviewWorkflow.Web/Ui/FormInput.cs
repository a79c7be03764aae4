using System.Globalization;

namespace ReviewWorkflow.Web.Ui;

/// <summary>Reads what form inputs send into the types the services take; a value that does not parse is reported, never guessed.</summary>
public static class FormInput
{
    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];

    /// <summary>
    /// A <c>datetime-local</c> value, taken as UK time (the pages say so next to every time input), as the
    /// instant it names. In the hour the clocks go back, the earlier (BST) reading is taken; a time skipped
    /// when they go forward is read as GMT, an hour later on the wall clock.
    /// </summary>
    public static bool TryUtc(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (!DateTime.TryParseExact(text.Trim(), LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return false;
        var offset = Display.UkZone.IsAmbiguousTime(local) ? Display.UkZone.GetAmbiguousTimeOffsets(local).Max()
            : Display.UkZone.IsInvalidTime(local) ? Display.UkZone.BaseUtcOffset
            : Display.UkZone.GetUtcOffset(local);
        value = new DateTimeOffset(local, offset).ToUniversalTime();
        return true;
    }

    /// <summary>The ISO-8601 form (in UTC) of a <c>datetime-local</c> value in UK time, or null when it is not one.</summary>
    public static string? IsoUtc(string? text) =>
        TryUtc(text, out var at) ? at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : null;

    public const string TimeHint = "must be a date and time, e.g. 2026-11-25 14:30";

    /// <summary>An optional date and time typed on a form: null when blank; when not one, null and an error for <paramref name="key"/>.</summary>
    public static DateTimeOffset? Time(string? text, string key, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (TryUtc(text, out var at)) return at;
        errors[key] = [TimeHint];
        return null;
    }

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
