using System.Globalization;
using System.Net;
using System.Text;

namespace ReviewWorkflow.Web.Casework;

/// <summary>
/// A map-free sketch of a series: each death where it was found (longitude across, latitude up, to
/// scale in the series' own box), numbered in the order found, the candidates between them as lines
/// (solid: linked; dashed: not linked or undecided). Drawn on the server as SVG with no script and
/// no inline style, as the linkage plot is; its look comes from classes in site.css.
/// </summary>
public static class SeriesMap
{
    private const int Width = 560, Height = 360, Margin = 40;

    public static string Svg(SeriesDto series, string id)
    {
        var cases = series.Cases;
        var lat0 = cases.Count == 0 ? 0 : cases.Average(c => c.Latitude);
        // Degrees of longitude shrink with latitude: scaled so that a kilometre is as long across as up.
        var cosLat = Math.Cos(lat0 * Math.PI / 180);
        double Xw(SeriesCaseDto c) => c.Longitude * cosLat;
        var (xMin, xMax) = cases.Count == 0 ? (0.0, 1.0) : (cases.Min(Xw), cases.Max(Xw));
        var (yMin, yMax) = cases.Count == 0 ? (0.0, 1.0) : (cases.Min(c => c.Latitude), cases.Max(c => c.Latitude));
        var span = Math.Max(Math.Max(xMax - xMin, yMax - yMin), 0.005); // at least about half a kilometre
        var scale = Math.Min(Width, Height) - 2 * Margin;
        double X(SeriesCaseDto c) => Margin + (Xw(c) - (xMin + xMax) / 2) / span * scale + (Width - 2 * Margin) / 2.0;
        double Y(SeriesCaseDto c) => Margin + ((yMin + yMax) / 2 - c.Latitude) / span * scale + (Height - 2 * Margin) / 2.0;
        var km = span * 111.32;

        var byId = cases.Select((c, i) => (c, i)).ToDictionary(x => x.c.CaseId);
        var svg = new StringBuilder();
        svg.Append($"""<svg id="{id}" class="series-map" viewBox="0 0 {Width} {Height}" role="img" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg">""");
        svg.Append($"""<title id="{id}-title">Where the deaths of the series were found</title>""");
        svg.Append($"""<desc id="{id}-desc">{Encode(string.Join("; ", cases.Select((c, i) => $"{i + 1}. {c.Reference}, {c.FoundAt.UtcDateTime:d MMM yyyy}")))}</desc>""");
        svg.Append($"""<rect class="frame" x="1" y="1" width="{Width - 2}" height="{Height - 2}"/>""");
        foreach (var l in series.Links)
        {
            if (!byId.TryGetValue(l.CaseId, out var a) || !byId.TryGetValue(l.CandidateCaseId, out var b)) continue;
            var state = l.Disposition?.Decision ?? "undecided";
            svg.Append($"""<line class="link {Encode(state)}" x1="{N(X(a.c))}" y1="{N(Y(a.c))}" x2="{N(X(b.c))}" y2="{N(Y(b.c))}"><title>{Encode($"{l.Reference} – {l.CandidateReference}: {state}, score {l.Score:0.##}")}</title></line>""");
        }
        foreach (var (c, i) in byId.Values.OrderBy(x => x.i))
        {
            var (x, y) = (X(c), Y(c));
            var leftward = x > Width - Margin - 90;
            svg.Append($"""<g class="point{(c.CaseId == series.CaseId ? " this" : "")}" data-reference="{Encode(c.Reference)}">""");
            svg.Append($"""<title>{Encode($"{i + 1}. {c.Reference}, found {c.FoundAt.UtcDateTime:d MMM yyyy HH:mm} UTC")}</title>""");
            svg.Append($"""<circle cx="{N(x)}" cy="{N(y)}" r="7"/>""");
            svg.Append($"""<text x="{N(leftward ? x - 10 : x + 10)}" y="{N(y - 8)}" text-anchor="{(leftward ? "end" : "start")}">{i + 1}. {Encode(c.Reference)}</text>""");
            svg.Append("</g>");
        }
        svg.Append($"""<text class="tick" x="{Margin}" y="{Height - 12}">about {Linkage.Pages.LinkagePlot.Km(km)} km across the sketch</text>""");
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Encode(string s) => WebUtility.HtmlEncode(s);
}
