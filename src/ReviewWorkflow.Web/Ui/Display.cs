using System.Globalization;

namespace ReviewWorkflow.Web.Ui;

/// <summary>
/// How times and deadlines read on the pages. Times are shown and entered in UTC, with the zone
/// written out, as the engine words them: one clock for every force and every message.
/// </summary>
public static class Display
{
    public static string Time(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "—";

    /// <summary>The value a <c>datetime-local</c> input shows for a UTC time.</summary>
    public static string InputTime(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) : "";

    /// <summary>"overdue by 3 h", "due in 2 days", "due in 40 min"; empty when there is no deadline.</summary>
    public static string Deadline(DateTimeOffset? due, DateTimeOffset now)
    {
        if (due is not { } d) return "";
        var gap = d - now;
        return gap < TimeSpan.Zero ? $"overdue by {Span(-gap)}" : $"due in {Span(gap)}";
    }

    public static bool IsOverdue(DateTimeOffset? due, DateTimeOffset now) => due is { } d && d < now;

    /// <summary>A span in the units people act on: "40 min", "3 h", "2 days 23 h", "12 days" — never "3 h 12 min 5 s".</summary>
    public static string Span(TimeSpan span) => span switch
    {
        { TotalMinutes: < 1 } => "less than a minute",
        { TotalHours: < 1 } => $"{(int)span.TotalMinutes} min",
        { TotalHours: < 48 } => $"{(int)span.TotalHours} h",
        // Within a week the hours still matter ("2 days 23 h" is nearly three days, not two).
        { TotalDays: < 7, Hours: > 0 } => $"{span.Days} days {span.Hours} h",
        _ => $"{(int)span.TotalDays} days",
    };

    /// <summary>"under-investigation" → "Under investigation".</summary>
    public static string Words(string key)
    {
        if (string.IsNullOrEmpty(key)) return key;
        var text = key.Replace('-', ' ').Replace('_', ' ');
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    public static string State(Engine.Evaluation.StepState state) => state switch
    {
        Engine.Evaluation.StepState.NotApplicable => "not applicable",
        _ => state.ToString().ToLowerInvariant(),
    };
}
