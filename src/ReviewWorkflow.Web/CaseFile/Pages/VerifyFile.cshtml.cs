namespace ReviewWorkflow.Web.CaseFile.Pages;

[Authorize(Policy = Policies.Admin)]
[RequestSizeLimit(CaseFileEndpoints.MaxFileBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = CaseFileEndpoints.MaxFileBytes)]
public sealed class VerifyFileModel(ReviewDb db, Audit.AuditCheckpoints checkpoints) : PageModel
{
    public CaseFileVerification? Result { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null)
        {
            Result = CaseFileVerification.Unreadable("no file was chosen");
            return Page();
        }
        using var body = new MemoryStream();
        await file.CopyToAsync(body, ct);
        Result = await CaseFileVerifier.VerifyAsync(db, body.ToArray(), checkpoints.VerifyAsync, ct);
        return Page();
    }
}
