using ReviewWorkflow.Engine.Commands;

namespace ReviewWorkflow.Web.Casework;

/// <summary>
/// The case log's operations (note, direction, response) on a loaded case, as both the API and the
/// notes page run them: saved through <see cref="CaseProcedure"/> (one transaction, the case row as
/// the concurrency token, an audit event). A closed case takes them too: a direction after closure
/// is work the case still lists as unmet.
/// </summary>
public sealed class CaseLog(CaseProcedure cases, ReviewDb db)
{
    public const string NotAnActiveCaseworker = "must be the email or user id of an active officer, supervisor or inspector of the case's team";

    public static async Task<CaseLogDto> ReadAsync(ReviewDb db, Guid caseId, DateTimeOffset now, CancellationToken ct)
    {
        var notes = await db.CaseNotes.AsNoTracking().Where(n => n.CaseId == caseId).OrderBy(n => n.Number).ToListAsync(ct);
        var responses = await db.DirectionResponses.AsNoTracking().Where(r => r.CaseId == caseId).ToDictionaryAsync(r => r.NoteId, ct);
        var names = await TeamUsers.DisplayNamesAsync(db, notes.Where(n => n.AssigneeId is not null).Select(n => n.AssigneeId!), ct);
        var dtos = notes.Select(n => ToDto(n, responses.GetValueOrDefault(n.Id), names, now)).ToList();
        return new CaseLogDto(dtos, dtos.Count(d => d.Open));
    }

    public static async Task<NoteDto> DtoAsync(ReviewDb db, CaseNote note, DateTimeOffset now, CancellationToken ct)
    {
        var response = db.DirectionResponses.Local.FirstOrDefault(r => r.NoteId == note.Id)
            ?? await db.DirectionResponses.AsNoTracking().FirstOrDefaultAsync(r => r.NoteId == note.Id, ct);
        return ToDto(note, response, await TeamUsers.DisplayNamesAsync(db, note.AssigneeId is null ? [] : [note.AssigneeId], ct), now);
    }

    private static NoteDto ToDto(CaseNote n, DirectionResponse? r, Dictionary<string, string> names, DateTimeOffset now)
    {
        var open = n.Kind == NoteKind.Direction && r is null;
        return new NoteDto(n.Id, n.Reference, n.Kind == NoteKind.Direction ? "direction" : "note", n.Text, n.AuthorName, n.At,
            n.AssigneeId, n.AssigneeId is null ? null : names.GetValueOrDefault(n.AssigneeId) ?? n.AssigneeId, n.DueAt,
            open, open && n.DueAt < now, r is null ? null : new DirectionResponseDto(r.Text, r.ByName, r.At));
    }

    public async Task<Filed<CaseNote>> AddAsync(CaseContext context, NoteRequest request, CurrentUser user, CancellationToken ct)
    {
        var now = cases.Now();
        var direction = request.Assignee is not null || request.DueAt is not null;
        var errors = new Dictionary<string, string[]>();
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text)) errors["text"] = ["required"];
        else if (request.Text!.Length > CaseLimits.Rationale) errors["text"] = [$"at most {CaseLimits.Rationale} characters"];
        if (direction)
        {
            if (string.IsNullOrWhiteSpace(request.Assignee)) errors["assignee"] = ["required for a direction"];
            if (request.DueAt is not { } due) errors["dueAt"] = ["required for a direction"];
            else if (due <= now) errors["dueAt"] = ["must be in the future"];
        }
        if (errors.Count > 0) return CaseRefused.Invalid(errors);
        // Directing work is a supervisor's power (the reform's reviewing officer): an officer writes notes.
        if (direction && !Roles.Satisfies(user.Role, Roles.Supervisor))
            return CaseRefused.Because(RefusalKind.Forbidden, "only a supervisor or inspector may give a direction; write a note instead");
        var c = context.Case;
        string? assignee = null;
        if (direction)
        {
            // Work given to someone who cannot see the case, or can no longer sign in, would silently stop.
            var chosen = await TeamUsers.FindAsync(db, c.Team, request.Assignee!, ct);
            if (chosen is null || chosen.Deactivated) return CaseRefused.Invalid("assignee", NotAnActiveCaseworker);
            assignee = chosen.Id;
        }
        var last = await db.CaseNotes.Where(n => n.CaseId == c.Id).MaxAsync(n => (int?)n.Number, ct) ?? 0;
        var note = new CaseNote
        {
            CaseId = c.Id, Number = last + 1, Kind = direction ? NoteKind.Direction : NoteKind.Note, Text = text!,
            AuthorId = user.Id, AuthorName = user.DisplayName, At = now, AssigneeId = assignee, DueAt = request.DueAt?.ToUniversalTime(),
        };
        db.CaseNotes.Add(note);
        // A direction escalates like a step from its deadline (DirectionEscalationSource).
        if (direction) db.DirectionDeadlines.Add(new DirectionDeadline { Note = note, CaseId = c.Id, DueAt = note.DueAt!.Value, NextEscalationAt = note.DueAt });
        var outcome = await cases.SaveAsync(context, user, direction ? "direction.given" : "note.added",
            new { note = note.Reference, text = note.Text, assignee, dueAt = note.DueAt, caseClosed = c.Status == CaseStatus.Closed }, [], now, ct);
        return new(outcome, outcome is CaseDone ? note : null);
    }

    public async Task<Filed<CaseNote>> RespondAsync(CaseContext context, long noteId, DirectionResponseRequest request, CurrentUser user, CancellationToken ct)
    {
        var text = request.Response?.Trim();
        if (string.IsNullOrEmpty(text)) return CaseRefused.Invalid("response", "required");
        if (request.Response!.Length > CaseLimits.Rationale) return CaseRefused.Invalid("response", $"at most {CaseLimits.Rationale} characters");
        var c = context.Case;
        var note = await db.CaseNotes.AsNoTracking().FirstOrDefaultAsync(n => n.CaseId == c.Id && n.Id == noteId, ct);
        if (note is null) return CaseRefused.Because(RefusalKind.NotFound, NoSuchNote(noteId));
        if (note.Kind != NoteKind.Direction) return CaseRefused.Because(RefusalKind.Conflict, $"{note.Reference} is a note, not a direction: nothing to answer");
        if (await db.DirectionResponses.AsNoTracking().FirstOrDefaultAsync(r => r.NoteId == note.Id, ct) is { } earlier)
            return CaseRefused.Because(RefusalKind.Conflict, $"{note.Reference} was answered by {earlier.ByName} on {Wording(earlier.At)} and is closed; write anything new as a note");
        if (note.AssigneeId != user.Id && !Roles.Satisfies(user.Role, Roles.Supervisor))
            return CaseRefused.Because(RefusalKind.Forbidden, $"only the assignee of {note.Reference} or a supervisor may answer it");
        var now = cases.Now();
        db.DirectionResponses.Add(new DirectionResponse { NoteId = note.Id, CaseId = c.Id, Text = text, ById = user.Id, ByName = user.DisplayName, At = now });
        // Answered: its ladder stops (the sweep holds the row while it escalates, so this waits for it rather than racing it).
        await db.DirectionDeadlines.Where(d => d.NoteId == note.Id).LoadAsync(ct);
        if (db.DirectionDeadlines.Local.FirstOrDefault(d => d.NoteId == note.Id) is { } deadline) deadline.NextEscalationAt = null;
        var outcome = await cases.SaveAsync(context, user, "direction.answered", new { note = note.Reference, response = text }, [], now, ct);
        return new(outcome, outcome is CaseDone ? note : null);
    }

    public static string NoSuchNote(long noteId) => $"no note or direction {noteId} on this case";

    private static string Wording(DateTimeOffset at) => $"{at.UtcDateTime:yyyy-MM-dd HH:mm} UTC";
}
