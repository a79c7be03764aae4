using System.Text.RegularExpressions;

namespace ReviewWorkflow.Engine.Definitions;

/// <summary>
/// A strict ISO-8601 duration reader. Years and months are refused because their length varies
/// (XmlConvert silently makes P1M thirty days), and a deadline must mean the same to every reader.
/// </summary>
internal static partial class IsoDuration
{
    public const string Hint = "expected an ISO-8601 duration in weeks, days, hours, minutes or seconds, e.g. PT4H or P7D";

    [GeneratedRegex(@"^P(?:(?<w>\d+)W)?(?:(?<d>\d+)D)?(?:T(?:(?<h>\d+)H)?(?:(?<m>\d+)M)?(?:(?<s>\d+(?:\.\d+)?)S)?)?$")]
    private static partial Regex Pattern();

    public static bool TryParse(string text, out TimeSpan value, out string error)
    {
        value = TimeSpan.Zero;
        error = "";
        if (text.StartsWith('-'))
        {
            error = $"'{text}' is negative: a duration cannot be negative";
            return false;
        }

        var match = Pattern().Match(text);
        var parts = new[] { "w", "d", "h", "m", "s" }.Select(g => match.Groups[g]).ToArray();
        if (!match.Success || parts.All(p => !p.Success) || (text.Contains('T') && parts[2..].All(p => !p.Success)))
        {
            error = text.Contains('Y') || (text.Contains('M') && !text.Contains('T'))
                ? $"'{text}' uses years or months, whose length varies; {Hint}"
                : $"'{text}' is not a valid duration; {Hint}";
            return false;
        }

        var seconds = Num(parts[0]) * 604800 + Num(parts[1]) * 86400 + Num(parts[2]) * 3600 + Num(parts[3]) * 60 + Num(parts[4]);
        if (seconds > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            error = $"'{text}' is too long";
            return false;
        }

        value = TimeSpan.FromSeconds(seconds);
        return true;
    }

    private static double Num(Group g) => g.Success ? double.Parse(g.Value, CultureInfo.InvariantCulture) : 0;
}
