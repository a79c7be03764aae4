using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Web.Audit;

namespace ReviewWorkflow.Web.Casework;

/// <summary>
/// Files a document on a loaded case, as the API and the documents page both do: checked (size,
/// type from the content, what it is attached to, the version it supersedes), then saved through
/// <see cref="CaseProcedure"/> with its audit event. Each download is audited too.
/// </summary>
public sealed class CaseDocuments(CaseProcedure cases, ReviewDb db, AuditTrail audit, IOptions<DocumentOptions> options)
{
    public long MaxBytes => options.Value.MaxBytes;

    public string TooLarge => "at most " + MaxBytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " bytes"
        + (MaxBytes % (1024 * 1024) == 0 ? $" ({MaxBytes / (1024 * 1024)} MiB)" : "");

    public async Task<Filed<CaseDocument>> AddAsync(CaseContext context, DocumentUpload upload, CurrentUser user, CancellationToken ct)
    {
        var c = context.Case;
        var errors = new Dictionary<string, string[]>();
        var content = upload.Content;
        DocumentTypes.FileType? type = null;
        if (content is null) errors["file"] = ["required: send the file as the form field 'file'"];
        else if (content.Length == 0) errors["file"] = ["is empty"];
        else if (content.Length > MaxBytes) errors["file"] = [TooLarge];
        else if (DocumentTypes.Detect(content) is not { } detected)
            errors["file"] = [$"the content is none of the accepted types ({DocumentTypes.AcceptedList}), whatever its name or declared type says"];
        else if (DocumentTypes.Contradicted(upload.DeclaredType, detected) is { } claimed)
            errors["file"] = [$"the content is {detected.Label}, but it was sent as {claimed.Label} ({upload.DeclaredType})"];
        else type = detected;
        var fileName = Path.GetFileName(upload.FileName?.Trim() ?? "");
        if (content is not null && fileName.Length == 0) errors["file"] = [.. errors.GetValueOrDefault("file") ?? [], "needs a file name"];
        else if (fileName.Length > CasefileLimits.FileName) errors["file"] = [.. errors.GetValueOrDefault("file") ?? [], $"file name: at most {CasefileLimits.FileName} characters"];
        else if (PlainText.Refusal(fileName) is { } bad) errors["file"] = [.. errors.GetValueOrDefault("file") ?? [], $"file name: {bad}"];
        var description = string.IsNullOrWhiteSpace(upload.Description) ? null : upload.Description.Trim();
        if (upload.Description is { Length: > CaseLimits.Description }) errors["description"] = [$"at most {CaseLimits.Description} characters"];
        else if (description is not null && PlainText.Refusal(description) is { } badText) errors["description"] = [badText];

        var stepKey = string.IsNullOrWhiteSpace(upload.StepKey) ? null : upload.StepKey.Trim();
        if (stepKey is not null && context.Definition.FindStep(stepKey) is null) errors["stepKey"] = [$"no step '{stepKey}' in this case's procedure"];
        long? itemId = null;
        if (!string.IsNullOrWhiteSpace(upload.ItemId))
        {
            if (!long.TryParse(upload.ItemId, out var parsed) || !await db.FamilyInformationItems.AnyAsync(i => i.CaseId == c.Id && i.Id == parsed, ct))
                errors["itemId"] = ["no such family information item on this case"];
            else if (stepKey is not null) errors["itemId"] = ["give stepKey or itemId, not both"];
            else itemId = parsed;
        }
        CaseDocument? earlier = null;
        if (!string.IsNullOrWhiteSpace(upload.Supersedes))
        {
            earlier = Guid.TryParse(upload.Supersedes, out var earlierId)
                ? await db.CaseDocuments.AsNoTracking().Where(d => d.CaseId == c.Id && d.Id == earlierId).Select(Header).FirstOrDefaultAsync(ct)
                : null;
            if (earlier is null) errors["supersedes"] = ["no such document on this case"];
        }
        if (errors.Count > 0) return CaseRefused.Invalid(errors);
        if (earlier is not null && await db.CaseDocuments.AnyAsync(d => d.SupersedesId == earlier.Id, ct))
            return CaseRefused.Because(RefusalKind.Conflict, $"{earlier.FileName} (version {earlier.Version}) is already superseded: supersede its latest version");

        var now = cases.Now();
        var document = new CaseDocument
        {
            Id = Guid.CreateVersion7(), CaseId = c.Id, StepKey = stepKey ?? (itemId is null ? earlier?.StepKey : null),
            ItemId = itemId ?? (stepKey is null ? earlier?.ItemId : null), FileName = fileName, ContentType = type!.ContentType,
            Size = content!.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)), Content = content, Description = description,
            SupersedesId = earlier?.Id, Version = (earlier?.Version ?? 0) + 1,
            UploadedById = user.Id, UploadedByName = user.DisplayName, UploadedAt = now,
        };
        db.CaseDocuments.Add(document);
        var outcome = await cases.SaveAsync(context, user, "document.added", new
        {
            document = document.Id, document.FileName, document.ContentType, document.Size, document.Sha256, document.StepKey, document.ItemId,
            supersedes = document.SupersedesId, document.Version,
        }, [], now, ct);
        return new(outcome, outcome is CaseDone ? document : null);
    }

    /// <summary>Everything but the content.</summary>
    private static readonly System.Linq.Expressions.Expression<Func<CaseDocument, CaseDocument>> Header = d => new CaseDocument
    {
        Id = d.Id, CaseId = d.CaseId, StepKey = d.StepKey, ItemId = d.ItemId, FileName = d.FileName, ContentType = d.ContentType, Size = d.Size,
        Sha256 = d.Sha256, Content = Array.Empty<byte>(), Description = d.Description, SupersedesId = d.SupersedesId, Version = d.Version,
        UploadedById = d.UploadedById, UploadedByName = d.UploadedByName, UploadedAt = d.UploadedAt,
    };

    public static async Task<List<DocumentDto>> ListAsync(ReviewDb db, Guid caseId, CancellationToken ct)
    {
        var documents = await db.CaseDocuments.AsNoTracking().Where(d => d.CaseId == caseId).OrderBy(d => d.UploadedAt).ThenBy(d => d.Id).Select(Header).ToListAsync(ct);
        var supersededBy = documents.Where(d => d.SupersedesId is not null).ToDictionary(d => d.SupersedesId!.Value, d => d.Id);
        return [.. documents.Select(d => ToDto(d, supersededBy.TryGetValue(d.Id, out var next) ? next : null))];
    }

    public static DocumentDto ToDto(CaseDocument d, Guid? supersededBy) =>
        new(d.Id, d.FileName, d.ContentType, d.Size, d.Sha256, d.StepKey, d.ItemId, d.Description, d.Version, d.SupersedesId, supersededBy,
            d.UploadedByName, d.UploadedAt, $"/api/cases/{d.CaseId}/documents/{d.Id}");

    /// <summary>The file, with the download recorded in the audit trail first: who read what is part of the record.</summary>
    public async Task<CaseDocument?> DownloadAsync(Guid caseId, Guid documentId, CurrentUser user, CancellationToken ct)
    {
        var document = await db.CaseDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.CaseId == caseId && d.Id == documentId, ct);
        if (document is null) return null;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await audit.AppendAsync(user, caseId, "document.downloaded", new { document = document.Id, document.FileName, document.Sha256, document.Version }, ct);
        await tx.CommitAsync(ct);
        return document;
    }
}

public static class CasefileLimits
{
    public const int FileName = 255;
    public const int Reference = 40;
}
