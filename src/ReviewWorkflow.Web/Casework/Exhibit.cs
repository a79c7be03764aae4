namespace ReviewWorkflow.Web.Casework;

/// <summary>
/// An item seized for the case (a phone, a bottle, clothing): what it is, who seized it, when and
/// where, and where it was first stored. Every later movement is an <see cref="ExhibitMovement"/>:
/// the chain of custody. Both append-only (enforced by a trigger).
/// </summary>
public sealed class Exhibit
{
    public long Id { get; init; }
    public Guid CaseId { get; init; }
    /// <summary>The officer's exhibit reference ("JS/1"), unique within the case.</summary>
    public required string Reference { get; init; }
    public required string Description { get; init; }
    public required string SeizedBy { get; init; }
    public required DateTimeOffset SeizedAt { get; init; }
    public required string SeizedWhere { get; init; }
    public required string StorageLocation { get; init; }
    public required string RecordedById { get; init; }
    public required string RecordedByName { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
}

/// <summary>One link of the chain of custody: from where to where, when, in whose hands and why.</summary>
public sealed class ExhibitMovement
{
    public long Id { get; init; }
    public long ExhibitId { get; init; }
    public Guid CaseId { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string FromLocation { get; init; }
    public required string ToLocation { get; init; }
    public required string HandledBy { get; init; }
    public required string Reason { get; init; }
    public required string RecordedById { get; init; }
    public required string RecordedByName { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
}

public sealed record ExhibitRequest(string? Reference, string? Description, string? SeizedBy, DateTimeOffset? SeizedAt, string? SeizedWhere, string? StorageLocation);

public sealed record MovementRequest(DateTimeOffset? At, string? To, string? HandledBy, string? Reason);

public sealed record MovementDto(long Id, DateTimeOffset At, string From, string To, string HandledBy, string Reason, string RecordedByName, DateTimeOffset RecordedAt);

public sealed record ExhibitDto(
    long Id, string Reference, string Description, string SeizedBy, DateTimeOffset SeizedAt, string SeizedWhere, string StorageLocation,
    string CurrentLocation, string RecordedByName, DateTimeOffset RecordedAt, IReadOnlyList<MovementDto> Movements);
