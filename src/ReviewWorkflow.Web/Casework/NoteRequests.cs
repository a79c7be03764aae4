namespace ReviewWorkflow.Web.Casework;

/// <summary>A note; with <c>assignee</c> and <c>dueAt</c>, a direction (supervisors and inspectors only).</summary>
public sealed record NoteRequest(string? Text, string? Assignee, DateTimeOffset? DueAt);

public sealed record DirectionResponseRequest(string? Response);

public sealed record DirectionResponseDto(string Response, string ByName, DateTimeOffset At);

public sealed record NoteDto(
    long Id, string Reference, string Kind, string Text, string AuthorName, DateTimeOffset At,
    string? AssigneeId, string? AssigneeName, DateTimeOffset? DueAt, bool Open, bool Overdue, DirectionResponseDto? Response);

public sealed record CaseLogDto(IReadOnlyList<NoteDto> Notes, int OpenDirections);
