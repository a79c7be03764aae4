using Microsoft.AspNetCore.Http.HttpResults;

namespace ReviewWorkflow.Web.Notifications;

public sealed record OutboxMessageDto(long Id, string MessageId, Guid? CaseId, string Kind, string Recipient, string Team, string Subject,
    string State, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? SentAt, string? SentTo, string? LastError);

public sealed record OutboxPage(IReadOnlyList<OutboxMessageDto> Items, int Total);

public static class OutboxEndpoints
{
    public const int MaxLimit = 500;

    public static void MapOutboxAdmin(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/outbox").WithTags("Administration").RequireAuthorization(Policies.Admin);

        // Failed mail is the one thing an administrator must act on: nobody was told.
        group.MapGet("/", async Task<Results<Ok<OutboxPage>, ValidationProblem>> (ReviewDb db, CancellationToken ct,
            string state = "failed", int limit = 100, int offset = 0) =>
        {
            var errors = new Dictionary<string, string[]>();
            // Letters only: Enum.TryParse would also take "1" or "0,2".
            var known = Enum.TryParse<OutboxState>(state, ignoreCase: true, out var wanted) && state.All(char.IsLetter);
            if (!known)
                errors["state"] = ["must be one of: pending, sent, failed"];
            if (limit is < 1 or > MaxLimit) errors["limit"] = [$"must be between 1 and {MaxLimit}"];
            if (offset < 0) errors["offset"] = ["must not be negative"];
            if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The outbox query is not valid");

            var query = db.Outbox.AsNoTracking().Where(m => m.State == wanted);
            var total = await query.CountAsync(ct);
            var items = await query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Skip(offset).Take(limit).ToListAsync(ct);
            return TypedResults.Ok(new OutboxPage(items.Select(m => m.ToDto()).ToList(), total));
        });
    }

    public static OutboxMessageDto ToDto(this OutboxMessage m) => new(m.Id, m.MessageId, m.CaseId, m.Kind, m.Recipient, m.Team, m.Subject,
        m.State.ToString().ToLowerInvariant(), m.Attempts, m.CreatedAt, m.NextAttemptAt, m.SentAt, m.SentTo, m.LastError);
}
