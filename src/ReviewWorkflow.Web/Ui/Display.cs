using System.Globalization;

namespace ReviewWorkflow.Web.Ui;

/// <summary>
/// How times and deadlines read on the pages. Times are stored in UTC and shown, and entered, in UK
/// time (Europe/London) with the zone written out (GMT or BST), as officers in England and Wales read
/// a clock: the one place that turns a stored time into a shown one.
/// </summary>
public static class Display
{
    public static readonly TimeZoneInfo UkZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>What the footer and time inputs say about the zone.</summary>
    public const string ZoneNote = "GMT, or BST in summer";

    /// <summary>"2026-11-25 06:10 GMT", "2026-07-01 14:00 BST".</summary>
    public static string Time(DateTimeOffset? at) =>
        at is { } t ? UkTime(t).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + ZoneName(t) : "—";

    /// <summary>
    /// "2026-11-25 06:10 UTC": the case file (a sealed record, checked later against the audit trail by
    /// re-rendering it) and the command line keep UTC, as they always have.
    /// </summary>
    public static string UtcTime(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "—";

    /// <summary>The wall-clock time in the UK at an instant.</summary>
    public static DateTime UkTime(DateTimeOffset at) => TimeZoneInfo.ConvertTimeFromUtc(at.UtcDateTime, UkZone);

    /// <summary>The instant a UK calendar day begins: midnight GMT in winter, 23:00 UTC the day before in summer.</summary>
    public static DateTimeOffset UkDayStart(DateTime day) =>
        new(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day.Date, DateTimeKind.Unspecified), UkZone));

    /// <summary>"2026-07-02": the UK calendar day an instant falls on, as a date input shows it.</summary>
    public static string UkDay(DateTimeOffset at) => UkTime(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string ZoneName(DateTimeOffset at) => UkZone.IsDaylightSavingTime(at) ? "BST" : "GMT";

    /// <summary>The value a <c>datetime-local</c> input shows for a stored time: UK time, as the form takes it.</summary>
    public static string InputTime(DateTimeOffset? at) =>
        at is { } t ? UkTime(t).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) : "";

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

    /// <summary>A step's state on a GOV.UK tag: "Available", "Waiting", "Not applicable".</summary>
    public static string StateWords(Engine.Evaluation.StepState state) => state switch
    {
        Engine.Evaluation.StepState.Available => "Available",
        Engine.Evaluation.StepState.Blocked => "Waiting",
        Engine.Evaluation.StepState.Returned => "Returned",
        Engine.Evaluation.StepState.NotApplicable => "Not applicable",
        _ => "Completed",
    };

    /// <summary>The colour of a step's tag: blue to do, orange returned, grey waiting or not applicable.</summary>
    public static string StateTag(Engine.Evaluation.StepState state) => state switch
    {
        Engine.Evaluation.StepState.Available => "govuk-tag--blue",
        Engine.Evaluation.StepState.Returned => "govuk-tag--orange",
        _ => "govuk-tag--grey",
    };

    public static string State(Engine.Evaluation.StepState state) => state switch
    {
        Engine.Evaluation.StepState.NotApplicable => "not applicable",
        _ => state.ToString().ToLowerInvariant(),
    };
}
