namespace ReviewWorkflow.Web.Casework;

/// <summary>
/// The exhibits register and its chain of custody, as the API and the exhibits page both run it:
/// checked, then saved through <see cref="CaseProcedure"/> with an audit event.
/// </summary>
public sealed class ExhibitRegister(CaseProcedure cases, ReviewDb db)
{
    public static async Task<List<ExhibitDto>> ListAsync(ReviewDb db, Guid caseId, CancellationToken ct)
    {
        var exhibits = await db.Exhibits.AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.Id).ToListAsync(ct);
        var movements = (await db.ExhibitMovements.AsNoTracking().Where(m => m.CaseId == caseId).OrderBy(m => m.At).ThenBy(m => m.Id).ToListAsync(ct))
            .ToLookup(m => m.ExhibitId);
        return [.. exhibits.Select(e => ToDto(e, [.. movements[e.Id]]))];
    }

    public static ExhibitDto ToDto(Exhibit e, IReadOnlyList<ExhibitMovement> movements) =>
        new(e.Id, e.Reference, e.Description, e.SeizedBy, e.SeizedAt, e.SeizedWhere, e.StorageLocation,
            movements.Count > 0 ? movements[^1].ToLocation : e.StorageLocation, e.RecordedByName, e.RecordedAt,
            [.. movements.Select(m => new MovementDto(m.Id, m.At, m.FromLocation, m.ToLocation, m.HandledBy, m.Reason, m.RecordedByName, m.RecordedAt))]);

    public static async Task<ExhibitDto?> ReadAsync(ReviewDb db, Guid caseId, long exhibitId, CancellationToken ct)
    {
        var exhibit = await db.Exhibits.AsNoTracking().FirstOrDefaultAsync(e => e.CaseId == caseId && e.Id == exhibitId, ct);
        if (exhibit is null) return null;
        var movements = await db.ExhibitMovements.AsNoTracking().Where(m => m.ExhibitId == exhibitId).OrderBy(m => m.At).ThenBy(m => m.Id).ToListAsync(ct);
        return ToDto(exhibit, movements);
    }

    public async Task<Filed<Exhibit>> AddAsync(CaseContext context, ExhibitRequest request, CurrentUser user, CancellationToken ct)
    {
        var now = cases.Now();
        var errors = new Dictionary<string, string[]>();
        var reference = Text(errors, "reference", request.Reference, CasefileLimits.Reference);
        var description = Text(errors, "description", request.Description, CaseLimits.Description);
        var seizedBy = Text(errors, "seizedBy", request.SeizedBy, CaseLimits.Name);
        var seizedWhere = Text(errors, "seizedWhere", request.SeizedWhere, CaseLimits.Description);
        var storage = Text(errors, "storageLocation", request.StorageLocation, CaseLimits.Description);
        if (request.SeizedAt is not { } seizedAt) errors["seizedAt"] = ["required"];
        else if (seizedAt > now) errors["seizedAt"] = ["cannot be in the future"];
        else if (seizedAt.Year < 1900) errors["seizedAt"] = ["must be after 1900"];
        var c = context.Case;
        if (reference is not null && await db.Exhibits.AnyAsync(e => e.CaseId == c.Id && e.Reference == reference, ct))
            errors["reference"] = [$"{reference} is already an exhibit of this case"];
        if (errors.Count > 0) return CaseRefused.Invalid(errors);
        var exhibit = new Exhibit
        {
            CaseId = c.Id, Reference = reference!, Description = description!, SeizedBy = seizedBy!, SeizedAt = request.SeizedAt!.Value.ToUniversalTime(),
            SeizedWhere = seizedWhere!, StorageLocation = storage!, RecordedById = user.Id, RecordedByName = user.DisplayName, RecordedAt = now,
        };
        db.Exhibits.Add(exhibit);
        var outcome = await cases.SaveAsync(context, user, "exhibit.recorded", new
        {
            exhibit = exhibit.Reference, exhibit.Description, exhibit.SeizedBy, exhibit.SeizedAt, exhibit.SeizedWhere, exhibit.StorageLocation,
        }, [], now, ct);
        return new(outcome, outcome is CaseDone ? exhibit : null);
    }

    public async Task<Filed<Exhibit>> MoveAsync(CaseContext context, long exhibitId, MovementRequest request, CurrentUser user, CancellationToken ct)
    {
        var now = cases.Now();
        var errors = new Dictionary<string, string[]>();
        var to = Text(errors, "to", request.To, CaseLimits.Description);
        var handledBy = Text(errors, "handledBy", request.HandledBy, CaseLimits.Name);
        var reason = Text(errors, "reason", request.Reason, CaseLimits.Description);
        var at = request.At?.ToUniversalTime() ?? now;
        if (at > now) errors["at"] = ["cannot be in the future"];
        if (errors.Count > 0) return CaseRefused.Invalid(errors);
        var c = context.Case;
        var exhibit = await db.Exhibits.AsNoTracking().FirstOrDefaultAsync(e => e.CaseId == c.Id && e.Id == exhibitId, ct);
        if (exhibit is null) return CaseRefused.Because(Engine.Commands.RefusalKind.NotFound, $"no exhibit {exhibitId} on this case");
        var last = await db.ExhibitMovements.AsNoTracking().Where(m => m.ExhibitId == exhibitId).OrderByDescending(m => m.At).ThenByDescending(m => m.Id).FirstOrDefaultAsync(ct);
        // The chain must read in order: a movement before the last one recorded (or before the seizure) would break it.
        if (at < exhibit.SeizedAt) return CaseRefused.Invalid("at", $"cannot be before the seizure ({Time(exhibit.SeizedAt)})");
        if (last is not null && at < last.At) return CaseRefused.Invalid("at", $"cannot be before the last recorded movement ({Time(last.At)}, to {last.ToLocation})");
        var from = last?.ToLocation ?? exhibit.StorageLocation;
        if (string.Equals(from, to, StringComparison.OrdinalIgnoreCase)) return CaseRefused.Invalid("to", $"is where {exhibit.Reference} already is");
        var movement = new ExhibitMovement
        {
            ExhibitId = exhibit.Id, CaseId = c.Id, At = at, FromLocation = from, ToLocation = to!, HandledBy = handledBy!, Reason = reason!,
            RecordedById = user.Id, RecordedByName = user.DisplayName, RecordedAt = now,
        };
        db.ExhibitMovements.Add(movement);
        var outcome = await cases.SaveAsync(context, user, "exhibit.moved",
            new { exhibit = exhibit.Reference, at, from, to, handledBy, reason }, [], now, ct);
        return new(outcome, outcome is CaseDone ? exhibit : null);
    }

    private static string? Text(Dictionary<string, string[]> errors, string field, string? value, int limit)
    {
        // The limit counts what was sent, as every other field's does.
        if (string.IsNullOrWhiteSpace(value)) errors[field] = ["required"];
        else if (value.Length > limit) errors[field] = [$"at most {limit} characters"];
        else return value.Trim();
        return null;
    }

    private static string Time(DateTimeOffset at) => $"{at.UtcDateTime:yyyy-MM-dd HH:mm} UTC";
}
