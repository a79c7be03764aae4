namespace ReviewWorkflow.Web.Casework;

/// <summary>
/// One entry of the case log: a note anyone working the case writes between steps, or a supervisor's
/// direction — an instruction with an assignee and a deadline, closed only by a recorded response
/// (<see cref="DirectionResponse"/>). Append-only (enforced by a trigger): the log is what was
/// written when, never corrected afterwards.
/// </summary>
public sealed class CaseNote
{
    public long Id { get; init; }
    public Guid CaseId { get; init; }
    /// <summary>Numbered per case from 1 across notes and directions, so "D-4" names one entry.</summary>
    public int Number { get; init; }
    public NoteKind Kind { get; init; }
    public required string Text { get; init; }
    public required string AuthorId { get; init; }
    public required string AuthorName { get; init; }
    public required DateTimeOffset At { get; init; }
    public string? AssigneeId { get; init; }
    public DateTimeOffset? DueAt { get; init; }

    public string Reference => ReferenceFor(Kind, Number);

    public static string ReferenceFor(NoteKind kind, int number) => $"{(kind == NoteKind.Direction ? "D" : "N")}-{number}";
}

public enum NoteKind { Note, Direction }

/// <summary>What was done about a direction, which closes it. One per direction (a unique key); append-only.</summary>
public sealed class DirectionResponse
{
    public long Id { get; init; }
    public long NoteId { get; init; }
    public Guid CaseId { get; init; }
    public required string Text { get; init; }
    public required string ById { get; init; }
    public required string ByName { get; init; }
    public required DateTimeOffset At { get; init; }
}
