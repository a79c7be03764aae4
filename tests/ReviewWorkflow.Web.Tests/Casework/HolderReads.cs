using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Casework;

/// <summary>Who the case read and the case page say holds a step.</summary>
public static partial class HolderReads
{
    public const string Olivia = "Olivia Officer", Owen = "Owen Officer", Sam = "Sam Supervisor";

    public static string? Holder(JsonElement c, string step) =>
        c.Step(step).GetProperty("assignee") is { ValueKind: JsonValueKind.Object } a ? a.GetProperty("displayName").GetString() : null;

    /// <summary>The "With …" line of one step on the case page's checklist; null when the page shows none.</summary>
    public static string? StepOnPage(string page, string step)
    {
        var start = page.IndexOf($"id=\"step-{step}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no step {step} on the page");
        var end = page.IndexOf("</li>", start, StringComparison.Ordinal);
        var match = HolderLine().Match(page[start..end]);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("<span class=\"rw-line step-holder\">([^<]*)</span>")]
    private static partial Regex HolderLine();
}
