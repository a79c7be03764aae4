using System.Globalization;
using System.Net;
using System.Text;

namespace ReviewWorkflow.Web.Linkage.Pages;

/// <summary>One candidate on the sketch: how far from this death it was found, and how many days apart.</summary>
public sealed record PlotPoint(string Reference, double Km, double Days, string State);

/// <summary>
/// A map-free sketch of the candidates (F8: "the same place, weeks apart" must be seen at a glance):
/// days apart across, kilometres up, drawn server-side as SVG with no script and no inline style
/// (the content policy forbids both); its look comes from classes in site.css.
/// </summary>
public static class LinkagePlot
{
    private const int Width = 560, Height = 300, Left = 56, Right = 28, Top = 16, Bottom = 46, Ticks = 5;

    public static string Svg(IReadOnlyList<PlotPoint> points, string id)
    {
        var xMax = NiceCeiling(Math.Max(1, points.Select(p => p.Days).DefaultIfEmpty(0).Max() * 1.1));
        var yMax = NiceCeiling(Math.Max(1, points.Select(p => p.Km).DefaultIfEmpty(0).Max() * 1.1));
        double X(double days) => Left + days / xMax * (Width - Left - Right);
        double Y(double km) => Height - Bottom - km / yMax * (Height - Top - Bottom);

        var svg = new StringBuilder();
        svg.Append($"""<svg id="{id}" class="linkage-plot" viewBox="0 0 {Width} {Height}" role="img" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg">""");
        svg.Append($"""<title id="{id}-title">Linkage candidates by distance and time apart</title>""");
        svg.Append($"""<desc id="{id}-desc">{Encode(string.Join("; ", points.Select(p => $"{p.Reference}: {Km(p.Km)} km, {Days(p.Days)} days apart")))}</desc>""");

        for (var i = 0; i <= Ticks; i++)
        {
            var days = xMax * i / Ticks;
            var km = yMax * i / Ticks;
            svg.Append($"""<line class="grid" x1="{N(X(days))}" y1="{N(Top)}" x2="{N(X(days))}" y2="{N(Height - Bottom)}"/>""");
            svg.Append($"""<line class="grid" x1="{N(Left)}" y1="{N(Y(km))}" x2="{N(Width - Right)}" y2="{N(Y(km))}"/>""");
            svg.Append($"""<text class="tick" x="{N(X(days))}" y="{N(Height - Bottom + 16)}" text-anchor="middle">{Days(days)}</text>""");
            svg.Append($"""<text class="tick" x="{N(Left - 6)}" y="{N(Y(km) + 4)}" text-anchor="end">{Km(km)}</text>""");
        }
        svg.Append($"""<line class="axis" x1="{N(Left)}" y1="{N(Height - Bottom)}" x2="{N(Width - Right)}" y2="{N(Height - Bottom)}"/>""");
        svg.Append($"""<line class="axis" x1="{N(Left)}" y1="{N(Top)}" x2="{N(Left)}" y2="{N(Height - Bottom)}"/>""");
        svg.Append($"""<text class="axis-label" x="{N((Left + Width - Right) / 2.0)}" y="{N(Height - 8)}" text-anchor="middle">days apart</text>""");
        svg.Append($"""<text class="axis-label" x="14" y="{N((Top + Height - Bottom) / 2.0)}" text-anchor="middle" transform="rotate(-90 14 {N((Top + Height - Bottom) / 2.0)})">km apart</text>""");

        foreach (var p in points)
        {
            var (x, y) = (X(p.Days), Y(p.Km));
            // Labels near the right edge go to the left of their point, so none is cut off.
            var leftward = x > Width - Right - 90;
            svg.Append($"""<g class="point {Encode(p.State)}" data-reference="{Encode(p.Reference)}">""");
            svg.Append($"""<title>{Encode($"{p.Reference}: {Km(p.Km)} km and {Days(p.Days)} days apart ({p.State})")}</title>""");
            svg.Append($"""<circle cx="{N(x)}" cy="{N(y)}" r="6"/>""");
            svg.Append($"""<text x="{N(leftward ? x - 9 : x + 9)}" y="{N(y - 8)}" text-anchor="{(leftward ? "end" : "start")}">{Encode(p.Reference)}</text>""");
            svg.Append("</g>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>The smallest 1, 2 or 5 × 10ⁿ at or above the value: axis ends people read without effort.</summary>
    public static double NiceCeiling(double value)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1.0, 2, 5, 10 })
            if (step * power >= value - 1e-9) return step * power;
        return 10 * power;
    }

    public static string Km(double km) => km.ToString(km < 10 ? "0.##" : "0.#", CultureInfo.InvariantCulture);

    public static string Days(double days) => days.ToString(days < 10 ? "0.#" : "0", CultureInfo.InvariantCulture);

    private static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Encode(string s) => WebUtility.HtmlEncode(s);
}
