namespace ReviewWorkflow.Web.Casework;

/// <summary>An upload as read from a form (the API's or the page's), before any of it is judged.</summary>
public sealed record DocumentUpload(string? FileName, string? DeclaredType, byte[]? Content, string? StepKey, string? ItemId, string? Supersedes, string? Description);

public sealed record DocumentDto(
    Guid Id, string FileName, string ContentType, long Size, string Sha256, string? StepKey, long? ItemId, string? Description,
    int Version, Guid? Supersedes, Guid? SupersededBy, string UploadedByName, DateTimeOffset UploadedAt, string Link);
