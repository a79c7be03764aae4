namespace ReviewWorkflow.Web.Casework.Pages;

/// <summary>The case's documents, every version, and the upload form (a new document, or a new version of one).</summary>
[Authorize(Policy = Policies.Casework)]
public sealed class DocumentsModel(CaseProcedure cases, CaseDocuments documents, ReviewDb db) : CaseChangePage(cases)
{
    public IReadOnlyList<DocumentDto> Documents { get; private set; } = [];
    public long MaxBytes => documents.MaxBytes;

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? StepKey { get; set; }
    [BindProperty] public string? ItemId { get; set; }
    [BindProperty] public string? Supersedes { get; set; }
    [BindProperty] public string? Description { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? supersedes, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        Supersedes = supersedes;
        return Page();
    }

    /// <summary>The file for a signed-in page user (the API takes bearer tokens), audited as every download is.</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid id, Guid docId, CancellationToken ct)
    {
        if (!await LoadCaseAsync(id, ct)) return NotFound();
        return await documents.DownloadAsync(id, docId, HttpContext.CurrentUser(), ct) is { } d ? File(d.Content, d.ContentType, d.FileName) : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        byte[]? content = null;
        if (Upload is { Length: var length } && length <= documents.MaxBytes)
        {
            using var buffer = new MemoryStream((int)length);
            await Upload.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }
        else if (Upload is not null)
        {
            Errors = new Dictionary<string, string[]> { ["file"] = [documents.TooLarge] };
            return Page();
        }
        var upload = new DocumentUpload(Upload?.FileName, Upload?.ContentType, content, StepKey, ItemId, Supersedes, Description);
        var (outcome, document) = await documents.AddAsync(Context, upload, HttpContext.CurrentUser(), ct);
        if (outcome is CaseRefused) Documents = await CaseDocuments.ListAsync(db, id, ct);
        return Answer(outcome, () => ($"{document!.FileName} filed (version {document.Version}).", $"/cases/{id}/documents#doc-{document.Id}"));
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadCaseAsync(id, ct)) return NotFound();
        Documents = await CaseDocuments.ListAsync(db, id, ct);
        return null;
    }
}
