using System.Globalization;
using System.Net;

namespace ReviewWorkflow.Web.Escalation;

/// <summary>
/// The words of an escalation email. It carries the case reference, the step, how overdue, the
/// level and a link — never the deceased's or a family member's name: mail leaves the force's
/// systems and sits in inboxes and on phones.
/// </summary>
public static class EscalationEmail
{
    public sealed record Content(string Subject, string Text, string Html);

    public static Content Compose(string reference, Guid caseId, string stepTitle, string? detail, int level, string notify,
        DateTimeOffset dueAt, TimeSpan overdue, string baseUrl)
    {
        var link = $"{baseUrl.TrimEnd('/')}/cases/{caseId}";
        // A supervisor can give the work to someone else: the email leads to the page that does it.
        var reassign = notify == "supervisor" ? $"{link}/assignment" : null;
        var what = detail is null ? stepTitle : $"{stepTitle} — {detail}";
        var late = Describe(overdue);
        var due = dueAt.UtcDateTime.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var why = notify switch
        {
            "assignee" => "You are receiving this because the work is yours.",
            "supervisor" => "You are receiving this as the team's supervisor: the work is still not done.",
            "inspector" => "You are receiving this as inspector: the work is still not done after the supervisor was told.",
            _ => "",
        };
        var subject = $"[{reference}] Overdue: {what} (escalation level {level})";
        var text = $"""
            Case {reference}: "{what}" is overdue.

            Deadline: {due}
            Overdue by: {late}
            Escalation level: {level} ({notify})

            {why}
            Open the case: {link}{(reassign is null ? "" : $"\nReassign the work: {reassign}")}

            This message deliberately contains no personal details.
            """;
        Func<string, string> h = WebUtility.HtmlEncode;
        var html = $"""
            <!DOCTYPE html>
            <html><body style="font-family: sans-serif">
            <p>Case <strong>{h(reference)}</strong>: &ldquo;{h(what)}&rdquo; is overdue.</p>
            <table>
            <tr><th align="left">Deadline</th><td>{h(due)}</td></tr>
            <tr><th align="left">Overdue by</th><td>{h(late)}</td></tr>
            <tr><th align="left">Escalation level</th><td>{level} ({h(notify)})</td></tr>
            </table>
            <p>{h(why)}</p>
            <p><a href="{h(link)}">Open case {h(reference)}</a></p>{(reassign is null ? "" : $"\n<p><a href=\"{h(reassign)}\">Reassign the work</a></p>")}
            <p style="color: #666">This message deliberately contains no personal details.</p>
            </body></html>
            """;
        return new Content(subject, text, html);
    }

    /// <summary>"2 days 3 hours", "45 minutes", "less than a minute".</summary>
    public static string Describe(TimeSpan overdue)
    {
        if (overdue < TimeSpan.FromMinutes(1)) return "less than a minute";
        var parts = new List<string>();
        void Add(int n, string unit) { if (n > 0) parts.Add($"{n} {unit}{(n == 1 ? "" : "s")}"); }
        Add(overdue.Days, "day");
        Add(overdue.Hours, "hour");
        if (overdue.Days == 0) Add(overdue.Minutes, "minute");
        return string.Join(" ", parts);
    }
}
