namespace ReviewWorkflow.Engine.Commands;

/// <summary>
/// Written reasons for decisions. "Not suspicious" with no real rationale was still seen after the
/// reforms (F7, F10), so a token answer is refused however the minimum length is configured.
/// </summary>
internal static class Rationale
{
    private static readonly HashSet<string> Placeholders = new(StringComparer.OrdinalIgnoreCase)
    {
        "n/a", "na", "none", "tbc", "tbd", "-", ".", "test", "x", "nothing", "no", "ok",
    };

    /// <summary>Trimmed text, or null when nothing was written.</summary>
    public static string? Normalize(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static bool IsPlaceholder(string text)
    {
        var trimmed = text.Trim();
        if (Placeholders.Contains(trimmed)) return true;
        var visible = trimmed.Where(c => !char.IsWhiteSpace(c)).ToList();
        // "......" or "xxxxxxxxxxxxxxxx" pads a rationale to length without saying anything.
        return visible.All(char.IsPunctuation) || visible.Select(char.ToLowerInvariant).Distinct().Count() <= 1;
    }

    /// <summary>Why a written but empty-of-meaning rationale ("n/a", "......") is refused.</summary>
    public const string PlaceholderRefusal = "say why: a placeholder such as \"n/a\" is not a rationale";

    /// <summary>The reason a decision's rationale is refused, or null when it is acceptable.</summary>
    public static string? Problem(string? text, int minLength)
    {
        var normalized = Normalize(text);
        var acceptable = normalized is not null && normalized.Length >= minLength && !IsPlaceholder(normalized);
        if (acceptable) return null;
        return minLength > 1 ? $"a rationale of at least {minLength} characters is required" : "a rationale is required";
    }
}
