using Microsoft.EntityFrameworkCore;
using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Definitions;
using ReviewWorkflow.Engine.Evaluation;
using ReviewWorkflow.Web.Accounts;
using ReviewWorkflow.Web.Cases;
using ReviewWorkflow.Web.Data;

namespace ReviewWorkflow.Web.FamilyInformation;

/// <summary>What a register command did: the case outcome, and the item as it now stands when it was applied.</summary>
public sealed record FamilyOutcome(CaseOutcome Outcome, FamilyInformationItem? Item)
{
    /// <summary>Input refused before anything was loaded: the field errors, keyed by the request's JSON path.</summary>
    public static FamilyOutcome Invalid(Dictionary<string, string[]> errors) =>
        new(new CaseRefused(new Refused(RefusalKind.Invalid, [.. errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))], errors)), null);
}

/// <summary>
/// The register's operations (log, action, answer), as both the API and the register pages run
/// them: through <see cref="CaseProcedure"/> (one transaction, the case row as the concurrency
/// token, an audit event), accepted on a closed case too. Visibility is the caller's to check.
/// </summary>
public static class FamilyInformationCommands
{
    public static async Task<FamilyRegisterDto> RegisterAsync(ReviewDb db, Guid caseId, DateTimeOffset now, CancellationToken ct)
    {
        var items = await db.FamilyInformationItems.AsNoTracking().Include(i => i.Actions)
            .Where(i => i.CaseId == caseId).OrderBy(i => i.ReceivedAt).ThenBy(i => i.Number).ToListAsync(ct);
        var names = await TeamUsers.DisplayNamesAsync(db, items.Select(i => i.AssigneeId), ct);
        var dtos = items.Select(i => i.ToDto(names, now)).ToList();
        return new FamilyRegisterDto(dtos, dtos.Count(d => d.State == "open"), dtos.Count(d => d.Overdue));
    }

    public static async Task<FamilyItemDto?> ItemAsync(ReviewDb db, Guid caseId, long itemId, DateTimeOffset now, CancellationToken ct)
    {
        var item = await db.FamilyInformationItems.AsNoTracking().Include(i => i.Actions)
            .FirstOrDefaultAsync(i => i.CaseId == caseId && i.Id == itemId, ct);
        return item is null ? null : await DtoAsync(db, item, now, ct);
    }

    public static async Task<FamilyItemDto> DtoAsync(ReviewDb db, FamilyInformationItem item, DateTimeOffset now, CancellationToken ct) =>
        item.ToDto(await TeamUsers.DisplayNamesAsync(db, [item.AssigneeId], ct), now);

    public static async Task<FamilyOutcome> LogAsync(Guid id, LogFamilyInformationRequest request,
        CaseProcedure procedure, ReviewDb db, CurrentUser user, TimeProvider clock, Linkage.LinkageCheck linkage, CancellationToken ct)
    {
        var errors = FamilyInformationValidation.Validate(request, clock.GetUtcNow());
        if (errors.Count > 0) return FamilyOutcome.Invalid(errors);
        FamilyInformationItem? item = null;
        var outcome = await procedure.ChangeAsync(id, user, "family-information.logged", async (context, now) =>
        {
            var c = context.Case;
            if (context.Definition.StepOfKind(StepKind.FamilyInformation) is null)
                return CaseChange.Refused(RefusalKind.Conflict, "this case's workflow has no family-information register");
            var assignee = c.OfficerId;
            if (!string.IsNullOrWhiteSpace(request.Assignee))
            {
                var chosen = await TeamUsers.FindAsync(db, c.Team, request.Assignee, ct);
                if (chosen is null) return CaseChange.Invalid("assignee", TeamUsers.NotATeamUser);
                assignee = chosen.Id;
            }
            var last = await db.FamilyInformationItems.Where(i => i.CaseId == c.Id).MaxAsync(i => (int?)i.Number, ct) ?? 0;
            var receivedAt = request.ReceivedAt!.Value.ToUniversalTime();
            var dueAt = FamilyRegister.DueAt(context.Definition, receivedAt);
            item = new FamilyInformationItem
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
            // Information after closure is exactly what was ignored before: back on the review list.
            if (c.Status == CaseStatus.Closed) c.NeedsReview = true;
            return CaseChange.Applied(new
            {
                item = item.Reference, relationship = item.ProvidedByRelationship, receivedAt, how = request.How, item.Summary,
                dueAt = item.DueAt, assignee, personsAdded = persons.Count, caseClosed = c.Status == CaseStatus.Closed,
            });
        }, ct, within: linkage.WhenIdentifiersChange(user)); // the persons it names are compared with every death
        return new(outcome, outcome is CaseDone ? item : null);
    }

    public static async Task<FamilyOutcome> ActionAsync(Guid id, long itemId, FamilyActionRequest request,
        CaseProcedure procedure, ReviewDb db, CurrentUser user, CancellationToken ct)
    {
        var errors = FamilyInformationValidation.Validate(request);
        if (errors.Count > 0) return FamilyOutcome.Invalid(errors);
        FamilyInformationItem? item = null;
        var outcome = await procedure.ChangeAsync(id, user, "family-information.actioned", async (context, now) =>
        {
            item = await TrackedItemAsync(db, context.Case.Id, itemId, ct);
            if (item is null) return CaseChange.Refused(RefusalKind.NotFound, NoSuchItem(itemId));
            if (item.State == FamilyItemState.Closed) return CaseChange.Refused(RefusalKind.Conflict, ClosedItem(item));
            var action = new FamilyInformationAction
            {
                ItemId = item.Id, CaseId = item.CaseId, Action = request.Action!.Trim(), Outcome = request.Outcome!.Trim(),
                ById = user.Id, ByName = user.DisplayName, At = now,
            };
            item.Actions.Add(action);
            return CaseChange.Applied(new { item = item.Reference, action = action.Action, outcome = action.Outcome },
                Contribution(context, user, now, $"actioned family information item {item.Reference}"));
        }, ct);
        return new(outcome, outcome is CaseDone ? item : null);
    }

    public static async Task<FamilyOutcome> RespondAsync(Guid id, long itemId, FamilyResponseRequest request,
        CaseProcedure procedure, ReviewDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var errors = FamilyInformationValidation.Validate(request, clock.GetUtcNow());
        if (errors.Count > 0) return FamilyOutcome.Invalid(errors);
        FamilyInformationItem? item = null;
        var outcome = await procedure.ChangeAsync(id, user, "family-information.answered", async (context, now) =>
        {
            var c = context.Case;
            item = await TrackedItemAsync(db, c.Id, itemId, ct);
            if (item is null) return CaseChange.Refused(RefusalKind.NotFound, NoSuchItem(itemId));
            if (item.State == FamilyItemState.Closed) return CaseChange.Refused(RefusalKind.Conflict, ClosedItem(item));
            // "Actioned and answered": an answer with nothing done behind it is the old failing again.
            if (item.Actions.Count == 0)
                return CaseChange.Refused(RefusalKind.Conflict, $"{item.Reference} has no recorded action: record what was done about it before answering");
            var respondedAt = request.RespondedAt?.ToUniversalTime() ?? now;
            if (respondedAt < item.ReceivedAt)
                return CaseChange.Invalid("respondedAt", $"cannot be before the information was received ({item.ReceivedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC)");
            item.Response = request.Response!.Trim();
            item.RespondedAt = respondedAt;
            item.RespondedById = user.Id;
            item.RespondedByName = user.DisplayName;
            item.State = FamilyItemState.Closed;
            item.ClosedAt = now;
            item.NextEscalationAt = null; // answered: its ladder stops
            var wasUnderReview = c.NeedsReview;
            if (c.NeedsReview) c.NeedsReview = await CaseReview.NeedsReviewAsync(db, c, ct);
            return CaseChange.Applied(new { item = item.Reference, response = item.Response, respondedAt, needsReview = new { before = wasUnderReview, after = c.NeedsReview } },
                Contribution(context, user, now, $"answered family information item {item.Reference}"));
        }, ct);
        return new(outcome, outcome is CaseDone ? item : null);
    }

    public static string NoSuchItem(long itemId) => $"no family information item {itemId} on this case";

    /// <summary>Work inside the register counts for four-eyes: whoever actioned or answered an item may not approve the register.</summary>
    private static StepActivity Contribution(CaseContext context, CurrentUser user, DateTimeOffset now, string note) =>
        new(context.Definition.StepOfKind(StepKind.FamilyInformation)!.Key, ActivityKind.Contributed, user.Id, now, new Dictionary<string, FieldValue>(), note);

    private static Task<FamilyInformationItem?> TrackedItemAsync(ReviewDb db, Guid caseId, long itemId, CancellationToken ct) =>
        db.FamilyInformationItems.Include(i => i.Actions).FirstOrDefaultAsync(i => i.CaseId == caseId && i.Id == itemId, ct);

    private static string ClosedItem(FamilyInformationItem item) =>
        $"{item.Reference} was answered on {item.ClosedAt?.UtcDateTime:yyyy-MM-dd HH:mm} UTC and is closed; log anything new as a new item";
}
