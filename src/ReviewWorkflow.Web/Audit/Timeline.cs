using System.Text.Json;

namespace ReviewWorkflow.Web.Audit;

public sealed record TimelineEntry(long Sequence, DateTimeOffset At, string Actor, string Action, IReadOnlyList<string> Lines);

/// <summary>
/// A case's audit events in words. Reads only what the event itself recorded, so the timeline is
/// the audit trail, not a second story; actions it does not know (a newer feature's) still show by name.
/// </summary>
public static class Timeline
{
    public static IReadOnlyList<TimelineEntry> From(IEnumerable<AuditEvent> events, WorkflowDefinition definition) =>
        events.Select(e => new TimelineEntry(e.Sequence, e.At, e.ActorName, e.Action, Describe(e, definition))).ToList();

    private static IReadOnlyList<string> Describe(AuditEvent e, WorkflowDefinition definition)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(e.Data); }
        catch (JsonException) { return [Humanise(e.Action)]; }
        // Disposed, so its pooled buffer goes back: the case page parses every event of the case on each read.
        using var _ = document;
        var data = document.RootElement;

        string Title(string? key) => key is null ? "a step" : definition.FindStep(key)?.Title ?? key;
        string? Category(string? key) => key is null ? null
            : definition.StepDeciding(DecisionPurpose.Classification)?.Categories.FirstOrDefault(c => c.Key == key)?.Title ?? key;

        if (e.Action == "case.created")
            return [$"Opened case {Text(data, "reference")} on {(Text(data, "workflow", "workflowKey") == definition.Key ? definition.Title : Text(data, "workflow", "workflowKey"))}, version {Text(data, "workflow", "workflowVersion")}"];
        if (e.Action == "case.facts-added")
        {
            var parts = new List<string>();
            if (List(data, "substances") is { Count: > 0 } s) parts.Add("substances " + string.Join(", ", s));
            if (List(data, "markers") is { Count: > 0 } m) parts.Add("markers " + string.Join(", ", m));
            if (data.TryGetProperty("persons", out var p) && p.ValueKind == JsonValueKind.Array && p.GetArrayLength() > 0)
                parts.Add(p.GetArrayLength() == 1 ? "1 person" : $"{p.GetArrayLength()} persons");
            if (Text(data, "name", "after") is { } name) parts.Add($"the name {name} (was {Text(data, "name", "before")})");
            if (Text(data, "place", "after", "description") is { } place) parts.Add($"the corrected place {place} (was {Text(data, "place", "before", "description")})");
            return [parts.Count == 0 ? "Added facts" : "Added " + string.Join("; ", parts)];
        }
        if (Casework(e.Action, data) is { } casework) return [casework];
        if (e.Action == "escalation.recorded")
            return [$"Escalated {Title(Text(data, "step"))}{(Text(data, "item") is { Length: > 0 } ? " (an item of its register)" : "")} to level {Text(data, "level")}: "
                + $"{Recipient(Text(data, "notify"))} told, overdue by {Text(data, "overdue")}"];
        if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("events", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            var lines = new List<string>();
            foreach (var ev in list.EnumerateArray())
            {
                var type = Text(ev, "type");
                lines.Add(type switch
                {
                    "step-completed" when e.Action == "step.signed-off" => $"Approved {Title(Text(ev, "step"))}{Because(Text(ev, "note"))}",
                    "step-completed" => $"Completed {Title(Text(ev, "step"))}{Because(Text(ev, "note"))}",
                    "steps-returned" => $"Returned for redo: {string.Join(", ", List(ev, "steps").Select(Title))}{Because(Text(ev, "reason"))}",
                    "classified" => $"Classified as {Category(Text(ev, "after"))} (was {Category(Text(ev, "before"))}){Because(Text(ev, "rationale"))}",
                    "closed" => $"Closed the case{Because(Text(ev, "rationale"))}",
                    _ => Humanise(e.Action),
                });
            }
            return lines.Count > 0 ? lines : [Humanise(e.Action)];
        }
        return [Humanise(e.Action)];
    }

    /// <summary>The case log, documents and exhibits (Casework/): what was written, filed or moved.</summary>
    private static string? Casework(string action, JsonElement data) => action switch
    {
        "note.added" => $"Wrote note {Text(data, "note")}",
        "direction.given" => $"Gave direction {Text(data, "note")}{Because(Text(data, "text"))}",
        "direction.answered" => $"Answered direction {Text(data, "note")}{Because(Text(data, "response"))}",
        "document.added" => $"Filed {Text(data, "fileName")} (version {Text(data, "version")})",
        "document.downloaded" => $"Downloaded {Text(data, "fileName")} (version {Text(data, "version")})",
        "exhibit.recorded" => $"Recorded exhibit {Text(data, "exhibit")}, stored at {Text(data, "storageLocation")}",
        "exhibit.moved" => $"Moved exhibit {Text(data, "exhibit")} from {Text(data, "from")} to {Text(data, "to")}{Because(Text(data, "reason"))}",
        _ => null,
    };

    private static string Recipient(string? notify) => notify switch
    {
        null or "" => "nobody",
        "assignee" => "the person it is assigned to",
        _ => "the " + notify.Replace('-', ' ') + (notify.EndsWith('s') ? "" : "s") + " of the team",
    };

    private static string Because(string? text) => string.IsNullOrWhiteSpace(text) ? "" : $" — “{text}”";

    private static string Humanise(string action)
    {
        var text = action.Replace('.', ' ').Replace('-', ' ');
        return text.Length == 0 ? action : char.ToUpperInvariant(text[0]) + text[1..];
    }

    private static string? Text(JsonElement e, params string[] path)
    {
        foreach (var name in path)
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out e)) return null;
        }
        return e.ValueKind switch { JsonValueKind.String => e.GetString(), JsonValueKind.Null or JsonValueKind.Undefined => null, _ => e.GetRawText() };
    }

    private static List<string> List(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : x.GetRawText()).ToList()
            : [];
}
