namespace ReviewWorkflow.Web.CaseFile.Pages;

/// <summary>The case page's button: the same file and the same rules as GET /api/cases/{id}/file, for the signed-in browser.</summary>
public sealed class DownloadModel(CaseFileExport export) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, bool? redacted, CancellationToken ct)
    {
        var user = HttpContext.CurrentUser();
        var file = await export.ExportAsync(id, user, CaseFileRedaction.VariantFor(user.Role, redacted == true), ct);
        return file is null ? NotFound() : File(file.Pdf, "application/pdf", file.FileName);
    }
}
