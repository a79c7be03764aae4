using ReviewWorkflow.Web.Audit;
using ReviewWorkflow.Web.Steps;
using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Web.Cases;

/// <summary>Opens a case on the starting version of its workflow (the latest unless held back), with its steps as the engine sees them.</summary>
public sealed class CaseCreation(ReviewDb db, WorkflowRegistry workflows, AuditTrail audit, TimeProvider clock, Linkage.LinkageCheck linkage,
    Linkage.PreviousIncidents previousIncidents)
{
    public const string DefaultWorkflow = "unexplained-death";
    public const string DefaultClassification = "under-investigation";

    public async Task<(CaseContext? Context, Dictionary<string, string[]> Errors)> CreateAsync(CreateCaseRequest r, CurrentUser user, CancellationToken ct = default)
    {
        var now = AuditHash.ToStoredPrecision(clock.GetUtcNow()); // as PostgreSQL will store it
        var errors = CaseValidation.Validate(r, now);
        var definition = workflows.Starting(r.Workflow ?? DefaultWorkflow);
        if (definition is null) errors["workflow"] = [$"unknown workflow '{r.Workflow}'"];
        if (errors.Count > 0) return (null, errors);

        var id = Guid.CreateVersion7(now);
        var number = await db.Database.SqlQuery<long>($"SELECT nextval('case_reference_seq') AS \"Value\"").SingleAsync(ct);
        var c = new Case
        {
            Id = id,
            Reference = $"UD-{now.Year}-{number:D6}",
            WorkflowKey = definition!.Key,
            WorkflowVersion = definition.Version,
            Team = user.Team,
            OfficerId = user.Id,
            OpenedAt = now,
            UpdatedAt = now,
            // A death is treated as suspicious unless and until investigation shows it is not.
            Classification = definition.StepDeciding(DecisionPurpose.Classification)?.InitialCategory ?? DefaultClassification,
            DeceasedName = r.Deceased!.Name!.Trim(),
            DeceasedAgeYears = r.Deceased.AgeYears,
            DeceasedSex = r.Deceased.Sex!,
            FoundAt = r.FoundAt!.Value.ToUniversalTime(),
            LocationDescription = r.Location!.Description?.Trim() ?? "",
            Latitude = r.Location.Latitude!.Value,
            Longitude = r.Location.Longitude!.Value,
            Circumstances = r.Circumstances?.Trim() ?? "",
            Substances = NewFacts.Distinct(r.Substances),
            Markers = NewFacts.Distinct(r.Markers),
            Persons = NewFacts.People(id, r.Persons, now),
        };
        db.Cases.Add(c);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // F8: compared with every recorded death in the transaction that records it, so none escapes the check.
        var linked = await linkage.RunAsync(c, definition, [], now, ct);
        var context = new CaseContext(c, definition, [], CaseFactsQuery.ToState(c, [], await CaseFactsQuery.ForAsync(db, c, ct))) { OfficerName = user.DisplayName };
        StepTable.Refresh(c, context.Evaluate(), [], now);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user, id, "case.created", new
        {
            reference = c.Reference, workflow = new { c.WorkflowKey, c.WorkflowVersion }, c.Classification,
            foundAt = c.FoundAt, c.Substances, c.Markers, persons = c.Persons.Count,
        }, ct);
        await linkage.RecordAsync(linked, user, now, ct);
        await tx.CommitAsync(ct);
        // An earlier death recorded late: the address checks of the cases found after it are done again.
        await previousIncidents.ReopenLaterChecksAsync(c, ct);
        return (context, errors);
    }
}

/// <summary>How facts from requests become stored facts.</summary>
public static class NewFacts
{
    public static List<string> Distinct(IEnumerable<string>? values) =>
        values?.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? [];

    public static List<CasePerson> People(Guid caseId, IEnumerable<PersonInput>? persons, DateTimeOffset now) =>
        persons?.Select(p => new CasePerson
        {
            CaseId = caseId, Name = p.Name!.Trim(), Role = p.Role!, Phone = Blank(p.Phone), Email = Blank(p.Email),
            Username = Blank(p.Username), AddedAt = now,
        }).ToList() ?? [];

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
