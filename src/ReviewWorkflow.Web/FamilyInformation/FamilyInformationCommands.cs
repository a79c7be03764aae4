using ReviewWorkflow.Engine.Commands;

namespace ReviewWorkflow.Web.FamilyInformation;

/// <summary>What a register command did: the case outcome, and the item as it now stands when it was applied.</summary>
public sealed record FamilyOutcome(CaseOutcome Outcome, FamilyInformationItem? Item)
{
    public static implicit operator FamilyOutcome(CaseRefused refused) => new(refused, null);
}

/// <summary>
/// The register's operations (log, action, answer) on a loaded case, as both the API and the
/// register pages run them: saved through <see cref="CaseProcedure"/> (one transaction, the case row
/// as the concurrency token, an audit event), accepted on a closed case too.
/// </summary>
public sealed class FamilyInformationCommands(CaseProcedure cases, ReviewDb db)
{
    public static async Task<FamilyRegisterDto> RegisterAsync(ReviewDb db, Guid caseId, DateTimeOffset now, CancellationToken ct)
    {
        var items = await db.FamilyInformationItems.AsNoTracking().Include(i => i.Actions)
            .Where(i => i.CaseId == caseId).OrderBy(i => i.ReceivedAt).ThenBy(i => i.Number).ToListAsync(ct);
        var holders = await Casework.WorkHolders.ForAsync(db, new Dictionary<string, string>(), items.Select(i => i.AssigneeId), now, ct);
        var dtos = items.Select(i => i.ToDto(holders, now)).ToList();
        return new FamilyRegisterDto(dtos, dtos.Count(d => d.State == "open"), dtos.Count(d => d.Overdue));
    }

    public static async Task<FamilyItemDto?> ItemAsync(ReviewDb db, Guid caseId, long itemId, DateTimeOffset now, CancellationToken ct)
    {
        var item = await db.FamilyInformationItems.AsNoTracking().Include(i => i.Actions)
            .FirstOrDefaultAsync(i => i.CaseId == caseId && i.Id == itemId, ct);
        return item is null ? null : await DtoAsync(db, item, now, ct);
    }

    public static async Task<FamilyItemDto> DtoAsync(ReviewDb db, FamilyInformationItem item, DateTimeOffset now, CancellationToken ct) =>
        item.ToDto(await Casework.WorkHolders.ForAsync(db, new Dictionary<string, string>(), [item.AssigneeId], now, ct), now);

    public async Task<FamilyOutcome> LogAsync(CaseContext context, LogFamilyInformationRequest request, CurrentUser user, CancellationToken ct)
    {
        var now = cases.Now();
        if (FamilyInformationValidation.Validate(request, now) is { Count: > 0 } errors) return CaseRefused.Invalid(errors);
        var c = context.Case;
        if (context.Definition.StepOfKind(StepKind.FamilyInformation) is null)
            return CaseRefused.Because(RefusalKind.Conflict, "this case's workflow has no family-information register");
        var assignee = c.OfficerId;
        if (!string.IsNullOrWhiteSpace(request.Assignee))
        {
            var chosen = await TeamUsers.FindAsync(db, c.Team, request.Assignee, ct);
            if (chosen is null) return CaseRefused.Invalid("assignee", TeamUsers.NotATeamUser);
            assignee = chosen.Id;
        }
        var last = await db.FamilyInformationItems.Where(i => i.CaseId == c.Id).MaxAsync(i => (int?)i.Number, ct) ?? 0;
        var receivedAt = request.ReceivedAt!.Value.ToUniversalTime();
        var dueAt = FamilyRegister.DueAt(context.Definition, receivedAt);
        var item = new FamilyInformationItem
        {
            CaseId = c.Id, Number = last + 1,
            ProvidedByName = request.ProvidedBy!.Name!.Trim(), ProvidedByRelationship = request.ProvidedBy.Relationship!.Trim(),
            ProvidedByContact = string.IsNullOrWhiteSpace(request.ProvidedBy.Contact) ? null : request.ProvidedBy.Contact.Trim(),
            ReceivedAt = receivedAt, How = request.How is { } how ? FamilyInformationValidation.Ways[how] : null,
            Summary = request.Summary!.Trim(), NamedPersonsJson = FamilyItemMapping.PersonsJson(request.Persons),
            DueAt = dueAt, NextEscalationAt = dueAt, AssigneeId = assignee,
            LoggedAt = now, LoggedById = user.Id, LoggedByName = user.DisplayName,
        };
        db.FamilyInformationItems.Add(item);
        var persons = FamilyInformationPersons.From(c, request, now);
        c.Persons.AddRange(persons);
        c.MarkForReview();
        return await SaveAsync(context, user, "family-information.logged", item, new
        {
            item = item.Reference, relationship = item.ProvidedByRelationship, receivedAt, how = request.How, item.Summary,
            dueAt = item.DueAt, assignee, personsAdded = persons.Count, caseClosed = c.Status == CaseStatus.Closed,
        }, now, ct);
    }

    public async Task<FamilyOutcome> ActionAsync(CaseContext context, long itemId, FamilyActionRequest request, CurrentUser user, CancellationToken ct)
    {
        if (FamilyInformationValidation.Validate(request) is { Count: > 0 } errors) return CaseRefused.Invalid(errors);
        var (item, refused) = await OpenItemAsync(context.Case.Id, itemId, ct);
        if (refused is not null) return refused;
        var now = cases.Now();
        var action = new FamilyInformationAction
        {
            ItemId = item!.Id, CaseId = item.CaseId, Action = request.Action!.Trim(), Outcome = request.Outcome!.Trim(),
            ById = user.Id, ByName = user.DisplayName, At = now,
        };
        item.Actions.Add(action);
        return await SaveAsync(context, user, "family-information.actioned", item,
            new { item = item.Reference, action = action.Action, outcome = action.Outcome }, now, ct, $"actioned family information item {item.Reference}");
    }

    public async Task<FamilyOutcome> RespondAsync(CaseContext context, long itemId, FamilyResponseRequest request, CurrentUser user, CancellationToken ct)
    {
        var now = cases.Now();
        if (FamilyInformationValidation.Validate(request, now) is { Count: > 0 } errors) return CaseRefused.Invalid(errors);
        var c = context.Case;
        var (item, refused) = await OpenItemAsync(c.Id, itemId, ct);
        if (refused is not null) return refused;
        // "Actioned and answered": an answer with nothing done behind it is the old failing again.
        if (item!.Actions.Count == 0)
            return CaseRefused.Because(RefusalKind.Conflict, $"{item.Reference} has no recorded action: record what was done about it before answering");
        var respondedAt = request.RespondedAt?.ToUniversalTime() ?? now;
        if (respondedAt < item.ReceivedAt)
            return CaseRefused.Invalid("respondedAt", $"cannot be before the information was received ({item.ReceivedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC)");
        item.Response = request.Response!.Trim();
        item.RespondedAt = respondedAt;
        item.RespondedById = user.Id;
        item.RespondedByName = user.DisplayName;
        item.State = FamilyItemState.Closed;
        item.ClosedAt = now;
        item.NextEscalationAt = null; // answered: its ladder stops
        var wasUnderReview = c.NeedsReview;
        c.ReconsiderReview(await CaseReview.ReasonsRemainAsync(db, c, ct));
        return await SaveAsync(context, user, "family-information.answered", item,
            new { item = item.Reference, response = item.Response, respondedAt, needsReview = new { before = wasUnderReview, after = c.NeedsReview } },
            now, ct, $"answered family information item {item.Reference}");
    }

    public static string NoSuchItem(long itemId) => $"no family information item {itemId} on this case";

    /// <summary>
    /// Saves a register change with the case. Work on an item counts for four-eyes like any work inside
    /// the register step (<paramref name="work"/>): whoever actioned or answered an item may not approve the register.
    /// </summary>
    private async Task<FamilyOutcome> SaveAsync(CaseContext context, CurrentUser user, string action, FamilyInformationItem item, object auditData,
        DateTimeOffset now, CancellationToken ct, string? work = null)
    {
        StepActivity[] activities = work is null ? [] :
            [new(context.Definition.StepOfKind(StepKind.FamilyInformation)!.Key, ActivityKind.Contributed, user.Id, now, new Dictionary<string, FieldValue>(), work)];
        var outcome = await cases.SaveAsync(context, user, action, auditData, activities, now, ct);
        return new(outcome, outcome is CaseDone ? item : null);
    }

    /// <summary>The item, tracked and still open; or why it cannot be changed.</summary>
    private async Task<(FamilyInformationItem? Item, CaseRefused? Refused)> OpenItemAsync(Guid caseId, long itemId, CancellationToken ct)
    {
        var item = await db.FamilyInformationItems.Include(i => i.Actions).FirstOrDefaultAsync(i => i.CaseId == caseId && i.Id == itemId, ct);
        if (item is null) return (null, CaseRefused.Because(RefusalKind.NotFound, NoSuchItem(itemId)));
        return item.State == FamilyItemState.Closed
            ? (item, CaseRefused.Because(RefusalKind.Conflict,
                $"{item.Reference} was answered on {item.ClosedAt?.UtcDateTime:yyyy-MM-dd HH:mm} UTC and is closed; log anything new as a new item"))
            : (item, null);
    }
}
