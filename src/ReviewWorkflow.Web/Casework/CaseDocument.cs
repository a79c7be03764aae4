namespace ReviewWorkflow.Web.Casework;

/// <summary>
/// A file attached to a case, one of its steps or one of its family items (a statement, the
/// post-mortem report, a photograph), kept in the database with its SHA-256 so that what is
/// produced later can be shown to be what was filed. Never changed or deleted (a trigger enforces
/// it): a correction is a new version that supersedes this one.
/// </summary>
public sealed class CaseDocument
{
    public Guid Id { get; init; }
    public Guid CaseId { get; init; }
    public string? StepKey { get; init; }
    public long? ItemId { get; init; }
    public required string FileName { get; init; }
    /// <summary>The type read from the content itself, never the name or the sender's word for it.</summary>
    public required string ContentType { get; init; }
    public long Size { get; init; }
    /// <summary>Lower-case hex.</summary>
    public required string Sha256 { get; init; }
    public required byte[] Content { get; init; }
    public string? Description { get; init; }
    /// <summary>The earlier version this one replaces; each version is superseded at most once (a unique key).</summary>
    public Guid? SupersedesId { get; init; }
    public int Version { get; init; }
    public required string UploadedById { get; init; }
    public required string UploadedByName { get; init; }
    public required DateTimeOffset UploadedAt { get; init; }
}

/// <summary>Configuration: <c>Documents:MaxBytes</c>.</summary>
public sealed class DocumentOptions
{
    public const long DefaultMaxBytes = 25 * 1024 * 1024;

    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>What a multipart request may hold beyond the file: its headers and the small fields.</summary>
    public const long FormOverhead = 64 * 1024;

    public long MaxRequestBytes => MaxBytes + FormOverhead;
}
