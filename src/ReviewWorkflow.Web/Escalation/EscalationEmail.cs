using System.Globalization;
using System.Net;

namespace ReviewWorkflow.Web.Escalation;

/// <summary>
/// The words of an escalation email. It carries the case reference, the step, how overdue, the
/// level and a link — never the deceased's or a family member's name: mail leaves the force's
/// systems and sits in inboxes and on phones. Times are UK time (GMT or BST), as on the pages.
/// </summary>
public static class EscalationEmail
{
    public sealed record Content(string Subject, string Text, string Html);

    /// <summary>One item of a digest: an escalation recorded by the sweep, as its outbox message and escalation row describe it.</summary>
    public sealed record Item(string Reference, Guid? CaseId, string What, int Level, string Notify, DateTimeOffset DueAt, DateTimeOffset RecordedAt);

    private const string NoPersonalDetails = "This message deliberately contains no personal details.";

    public static Content Compose(string reference, Guid caseId, string stepTitle, string? detail, int level, string notify,
        DateTimeOffset dueAt, TimeSpan overdue, string baseUrl)
    {
        var link = CaseLink(baseUrl, caseId);
        var reassign = ReassignLink(link, notify);
        var what = detail is null ? stepTitle : $"{stepTitle} — {detail}";
        var late = Describe(overdue);
        var due = Due(dueAt);
        var why = notify switch
        {
            "assignee" => "You are receiving this because the work is yours.",
            "supervisor" => "You are receiving this as the team's supervisor: the work is still not done.",
            "inspector" => "You are receiving this as inspector: the work is still not done after the supervisor was told.",
            _ => "",
        };
        var text = $"""
            Case {reference}: "{what}" is overdue.

            Deadline: {due}
            Overdue by: {late}
            Escalation level: {level} ({notify})

            {why}
            Open the case: {link}{(reassign is null ? "" : $"\nReassign the work: {reassign}")}

            {NoPersonalDetails}
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
            <p style="color: #666">{NoPersonalDetails}</p>
            </body></html>
            """;
        return new Content(Subject(reference, what, level), text, html);
    }

    /// <summary>
    /// One email for all the items one recipient has from one sweep: a supervisor told about four
    /// steps of a case in the same second reads one list, not four emails. Each item keeps its case
    /// reference, deadline, level and link; still no personal details.
    /// </summary>
    public static Content Digest(IReadOnlyList<Item> items, string baseUrl)
    {
        var references = items.Select(i => i.Reference).Distinct().ToList();
        var named = references.Count <= 3 ? string.Join(", ", references)
            : $"{string.Join(", ", references.Take(3))} and {references.Count - 3} more cases";
        var subject = $"[{named}] Overdue: {items.Count} items of work";
        var intro = $"{items.Count} items of work are overdue. Times are UK time (GMT, or BST in summer).";
        Func<string, string> h = WebUtility.HtmlEncode;
        var text = new System.Text.StringBuilder($"{intro}\n");
        var html = new System.Text.StringBuilder($"""
            <!DOCTYPE html>
            <html><body style="font-family: sans-serif">
            <p>{h(intro)}</p>
            <ol>
            """);
        var n = 0;
        foreach (var item in items)
        {
            var link = item.CaseId is { } id ? CaseLink(baseUrl, id) : null;
            var reassign = link is null ? null : ReassignLink(link, item.Notify);
            var heading = $"Case {item.Reference}: \"{item.What}\"";
            var facts = $"Deadline {Due(item.DueAt)}, overdue by {Describe(item.RecordedAt - item.DueAt)}. Escalation level {item.Level} ({item.Notify}).";
            text.Append($"\n{++n}. {heading}\n   {facts}\n");
            if (link is not null) text.Append($"   Open the case: {link}\n");
            if (reassign is not null) text.Append($"   Reassign the work: {reassign}\n");
            html.Append($"\n<li><p><strong>{h(heading)}</strong><br>{h(facts)}</p>");
            if (link is not null) html.Append($"<p><a href=\"{h(link)}\">Open case {h(item.Reference)}</a>");
            if (reassign is not null) html.Append($" &middot; <a href=\"{h(reassign)}\">Reassign the work</a>");
            if (link is not null) html.Append("</p>");
            html.Append("</li>");
        }
        text.Append($"\n{NoPersonalDetails}\n");
        html.Append($"""

            </ol>
            <p style="color: #666">{NoPersonalDetails}</p>
            </body></html>
            """);
        return new Content(subject, text.ToString(), html.ToString());
    }

    /// <summary>The work an escalation's subject names, as <see cref="Subject"/> wrote it; the whole subject otherwise.</summary>
    public static string WhatOf(string subject, string reference, int level)
    {
        var prefix = $"[{reference}] Overdue: ";
        var suffix = $" (escalation level {level})";
        return subject.StartsWith(prefix, StringComparison.Ordinal) && subject.EndsWith(suffix, StringComparison.Ordinal)
            ? subject[prefix.Length..^suffix.Length]
            : subject;
    }

    private static string Subject(string reference, string what, int level) => $"[{reference}] Overdue: {what} (escalation level {level})";

    private static string CaseLink(string baseUrl, Guid caseId) => $"{baseUrl.TrimEnd('/')}/cases/{caseId}";

    /// <summary>A supervisor can give the work to someone else: the email leads to the page that does it.</summary>
    private static string? ReassignLink(string caseLink, string notify) => notify == "supervisor" ? $"{caseLink}/assignment" : null;

    /// <summary>"7 Dec 2026 10:00 GMT", "1 Jul 2026 14:00 BST".</summary>
    public static string Due(DateTimeOffset at) =>
        Display.UkTime(at).ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture) + " " + Display.ZoneName(at);

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
