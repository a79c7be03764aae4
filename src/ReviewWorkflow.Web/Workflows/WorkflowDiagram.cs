using System.Globalization;
using System.Net;
using System.Text;

namespace ReviewWorkflow.Web.Workflows;

/// <summary>
/// Draws a workflow definition as an SVG diagram, server-side: steps in columns by dependency depth
/// (a step sits one column right of the deepest step it waits for), arrows for "after" and dashed
/// arrows for what a sign-off approves. No script and no inline style, so it passes the content policy;
/// its look comes from classes in site.css.
/// </summary>
public static class WorkflowDiagram
{
    private const int Width = 200, Height = 66, GapX = 70, GapY = 16, Pad = 16;

    public sealed record Edge(string From, string To, bool Approves);

    public static IReadOnlyList<Edge> Edges(WorkflowDefinition d) =>
        d.Steps.SelectMany(s => s.After.Select(a => new Edge(a, s.Key, false))
                .Concat(s.Kind == StepKind.SignOff ? s.Approves.Where(a => !s.After.Contains(a)).Select(a => new Edge(a, s.Key, true)) : []))
            .Where(e => d.FindStep(e.From) is not null)
            .ToList();

    /// <summary>Longest chain of dependencies before each step (definitions are acyclic: the parser refuses cycles).</summary>
    public static IReadOnlyDictionary<string, int> Depths(WorkflowDefinition d)
    {
        var edges = Edges(d);
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        int Of(string key, int guard)
        {
            if (depth.TryGetValue(key, out var known)) return known;
            var preds = edges.Where(e => e.To == key).Select(e => e.From).ToList();
            var value = preds.Count == 0 || guard > d.Steps.Count ? 0 : preds.Max(p => Of(p, guard + 1)) + 1;
            depth[key] = value;
            return value;
        }
        foreach (var s in d.Steps) Of(s.Key, 0);
        return depth;
    }

    public static string Svg(WorkflowDefinition d, string id)
    {
        var edges = Edges(d);
        var depths = Depths(d);
        var order = d.Steps.Select((s, i) => (s.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        var columns = d.Steps.GroupBy(s => depths[s.Key]).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();

        // Order each column by where its predecessors sit, so arrows mostly run straight.
        var row = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            var sorted = column
                .Select(s => (s, key: edges.Where(e => e.To == s.Key && row.ContainsKey(e.From)).Select(e => row[e.From]).DefaultIfEmpty(order[s.Key]).Average()))
                .OrderBy(x => x.key).ThenBy(x => order[x.s.Key]).Select(x => x.s).ToList();
            column.Clear();
            column.AddRange(sorted);
            for (var i = 0; i < column.Count; i++) row[column[i].Key] = i;
        }

        var tallest = columns.Max(c => c.Count);
        var totalHeight = Pad * 2 + tallest * Height + (tallest - 1) * GapY;
        var totalWidth = Pad * 2 + columns.Count * Width + (columns.Count - 1) * GapX;
        var position = new Dictionary<string, (int X, int Y)>(StringComparer.Ordinal);
        for (var c = 0; c < columns.Count; c++)
        {
            var columnHeight = columns[c].Count * Height + (columns[c].Count - 1) * GapY;
            var top = (totalHeight - columnHeight) / 2;
            for (var r = 0; r < columns[c].Count; r++)
                position[columns[c][r].Key] = (Pad + c * (Width + GapX), top + r * (Height + GapY));
        }

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {totalWidth} {totalHeight}" role="img" aria-labelledby="{id}-title" id="{id}">""");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{E(d.Title)}, version {d.Version}: {d.Steps.Count} steps in {columns.Count} stages</title>");
        svg.Append(CultureInfo.InvariantCulture, $"""<defs><marker id="{id}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="arrow" d="M0,0 L10,5 L0,10 z"/></marker><marker id="{id}-arrow-approves" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="arrow approves" d="M0,0 L10,5 L0,10 z"/></marker></defs>""");
        foreach (var e in edges)
        {
            var (x1, y1) = position[e.From];
            var (x2, y2) = position[e.To];
            double sx = x1 + Width, sy = y1 + Height / 2.0, tx = x2, ty = y2 + Height / 2.0, bend = GapX / 2.0 + 10;
            svg.Append(CultureInfo.InvariantCulture,
                $"<path class=\"edge{(e.Approves ? " approves" : "")}\" d=\"M{sx},{sy} C{sx + bend},{sy} {tx - bend},{ty} {tx},{ty}\" marker-end=\"url(#{id}-arrow{(e.Approves ? "-approves" : "")})\"><title>{E(Words.StepTitle(d, e.From))} → {E(Words.StepTitle(d, e.To))}{(e.Approves ? " (approves)" : "")}</title></path>");
        }
        foreach (var s in d.Steps)
        {
            var (x, y) = position[s.Key];
            var lines = Wrap(s.Title, 27, 2);
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"node kind-{s.Kind}{(s.When is null ? "" : " conditional")}\" data-step=\"{E(s.Key)}\" transform=\"translate({x},{y})\">");
            svg.Append(CultureInfo.InvariantCulture, $"<title>{E(s.Title)}{(s.When is null ? "" : ". " + E(Words.When(d, s.When)))}</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{Height}\" rx=\"6\"/>");
            for (var i = 0; i < lines.Count; i++)
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"title\" x=\"8\" y=\"{17 + i * 15}\">{E(lines[i])}</text>");
            var sub = $"{Kind(s)} · {s.Role}{(s.Due is { } due ? " · " + Duration(due) : "")}";
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"sub\" x=\"8\" y=\"{Height - 9}\">{E(sub)}</text>");
            svg.Append("</g>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    public static string Kind(StepDefinition s) => (s.Kind, s.Decides) switch
    {
        (StepKind.Decision, DecisionPurpose.None) => "decision",
        (StepKind.Decision, var p) => p.ToString().ToLowerInvariant(),
        (StepKind.SignOff, _) => "sign-off",
        (StepKind.FamilyInformation, _) => "register",
        (var k, _) => k.ToString().ToLowerInvariant(),
    };

    public static string Duration(TimeSpan span) => span switch
    {
        { TotalHours: < 1 } => $"{(int)span.TotalMinutes} min",
        _ when span.TotalHours < 72 || span.TotalDays % 1 != 0 => $"{span.TotalHours:0.#} h",
        _ => $"{(int)span.TotalDays} days",
    };

    private static List<string> Wrap(string text, int width, int maxLines)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current.Length > 0 && current.Length + 1 + word.Length > width)
            {
                lines.Add(current);
                current = word;
            }
            else current = current.Length == 0 ? word : current + " " + word;
        }
        if (current.Length > 0) lines.Add(current);
        if (lines.Count > maxLines)
        {
            lines = lines.Take(maxLines).ToList();
            lines[^1] = lines[^1].Length > width - 1 ? lines[^1][..(width - 1)] + "…" : lines[^1] + "…";
        }
        return lines;
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
