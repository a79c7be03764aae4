using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ReviewWorkflow.Web.Tests.FamilyInformation;
using ReviewWorkflow.Web.Tests.Linkage;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.CaseFile;

/// <summary>A closed case with something in every part of the file, and the file read back as text.</summary>
internal static class CaseFiles
{
    public const string FamilyMember = "Rosalind Quayle", Giver = "Sabine Marlowe", ReturnReason = "The checks name no systems for the finder: redo them.";
    public const string LinkRationale = "Same drug, same wall, three weeks apart: treat as one series.";
    public const string ActionText = "Traced the app profile", ResponseText = "Told her the profile is being traced and she will hear from us by Friday.";

    public sealed record Walked(string Id, string Reference, string EarlierReference, JsonElement Case, ReviewWorkflow.Web.Tests.Linkage.LinkageCases.Spot Place);

    /// <summary>
    /// An earlier death and this one at the same place (a candidate, decided linked, so the referral is made);
    /// a family member among the persons; a family item acted on and answered; a return at sign-off and the
    /// redo; the approval; "not suspicious" approved by supervisor and inspector; closure.
    /// </summary>
    public static async Task<Walked> ClosedCaseAsync(ReviewApp app)
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var inspector = await app.InspectorAsync();
        var place = LinkageCases.NewPlace();
        var earlier = await officer.CreateCaseAsync(LinkageCases.Death(place, "2014-06-19T04:00:00Z", "Anthony Walgate"));
        var body = LinkageCases.Death(place, "2014-07-10T04:00:00Z", "Gabriel Kovari", persons:
        [
            new { name = place.Finder, role = "finder", phone = place.FinderPhone },
            new { name = FamilyMember, role = "family", phone = "07700 900321" },
        ]);
        var id = (await officer.CreateCaseAsync(body)).Id();
        await officer.DisposeAsync(id, earlier.Id(), "linked", LinkRationale).OkAsync();
        var item = await officer.LoggedAsync(id, Register.Item(app.Clock.GetUtcNow().AddHours(-1), name: Giver, relationship: "sister"));
        await officer.ActAsync(id, item.ItemId(), ActionText).OkAsync();
        await officer.RespondAsync(id, item.ItemId(), ResponseText).OkAsync();
        await officer.CompleteWorkAsync(id);
        await supervisor.SignOffAsync(id, "return", ReturnReason, ["intelligence-checks"]).OkAsync();
        await officer.CompleteWorkAsync(id);
        await supervisor.SignOffAsync(id, "approve").OkAsync();
        await officer.ClassifyAsync(id, "not-suspicious").OkAsync();
        var c = await supervisor.ApproveClassificationAsync(id).OkAsync();
        if (c.StateOf("classification-inspector-review") == "available")
            await inspector.ApproveClassificationAsync(id, "classification-inspector-review").OkAsync();
        c = await officer.CloseAsync(id).OkAsync();
        return new Walked(id, c.GetProperty("reference").GetString()!, earlier.GetProperty("reference").GetString()!, c, place);
    }

    public static async Task<byte[]> FileAsync(this HttpClient client, string caseId, bool redacted = false)
    {
        var response = await client.GetAsync($"/api/cases/{caseId}/file" + (redacted ? "?redacted=true" : ""));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The PDF's text as poppler's pdftotext reads it, every run of white space made one space.</summary>
    public static async Task<string> TextAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"casefile-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            var start = new ProcessStartInfo("pdftotext", ["-layout", "-enc", "UTF-8", path, "-"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext did not start (scripts/prerequisites.sh installs poppler-utils)");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"pdftotext failed: {await error}");
            return Regex.Replace(await output, @"\s+", " ");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Where <paramref name="text"/> is in the file; fails naming it when it is not there.</summary>
    public static int At(this string file, string text)
    {
        var at = file.IndexOf(text, StringComparison.Ordinal);
        Assert.True(at >= 0, $"the case file does not say \"{text}\"");
        return at;
    }

    public static string Time(JsonElement at) => Time(at.GetDateTimeOffset());

    public static string Time(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC";
}
