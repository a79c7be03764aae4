using Microsoft.AspNetCore.Http.HttpResults;

namespace ReviewWorkflow.Web.Audit;

public sealed record AuditEventDto(string Id, DateTimeOffset At, string ActorId, string Actor, Guid? CaseId, string Action, System.Text.Json.JsonElement Data);

public sealed record AuditVerifyDto(bool Valid, long Events, string? FirstBrokenEventId, string? Problem);

public static class AuditEndpoints
{
    public static void MapAudit(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/cases/{id:guid}/audit", async Task<Results<Ok<List<AuditEventDto>>, NotFound>>
            (Guid id, ReviewDb db, CurrentUser user, CancellationToken ct) =>
        {
            var team = await db.Cases.Where(c => c.Id == id).Select(c => c.Team).FirstOrDefaultAsync(ct);
            if (team is null || !user.CanSee(team)) return TypedResults.NotFound();
            var events = await db.AuditEvents.AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.Sequence).ToListAsync(ct);
            return TypedResults.Ok(events.Select(e => e.ToDto()).ToList());
        }).WithTags("Audit").RequireAuthorization();

        routes.MapGet("/api/audit/verify", async (ReviewDb db, CancellationToken ct) =>
        {
            var v = await AuditVerifier.VerifyAsync(db, ct);
            return TypedResults.Ok(new AuditVerifyDto(v.Valid, v.Events, v.FirstBrokenEventId, v.Problem));
        }).WithTags("Audit").RequireAuthorization(Policies.Admin);
    }

    public static AuditEventDto ToDto(this AuditEvent e) =>
        new(e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), e.At, e.ActorId, e.ActorName, e.CaseId, e.Action,
            System.Text.Json.JsonDocument.Parse(e.Data).RootElement.Clone());
}
