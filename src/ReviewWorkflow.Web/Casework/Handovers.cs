using Npgsql;
using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Web.Audit;

namespace ReviewWorkflow.Web.Casework;

/// <summary>An officer's open work to a colleague for a period; <c>from</c> defaults to the caller (a supervisor may ask for someone else).</summary>
public sealed record HandoverRequest(string? From, string? To, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Reason);

public sealed record HandoverDto(long Id, string Team, string FromId, string FromName, string ToId, string ToName, DateTimeOffset StartsAt,
    DateTimeOffset EndsAt, string Reason, string RequestedByName, DateTimeOffset RequestedAt, string State, string? ApprovedByName, DateTimeOffset? ApprovedAt)
{
    public static HandoverDto From(Handover h, DateTimeOffset now) => new(h.Id, h.Team, h.FromId, h.FromName, h.ToId, h.ToName, h.StartsAt, h.EndsAt,
        h.Reason, h.RequestedByName, h.RequestedAt,
        h.ApprovedAt is null ? (h.EndsAt <= now ? "lapsed" : "awaiting approval") : h.InForce(now) ? "in force" : h.EndsAt <= now ? "ended" : "approved",
        h.ApprovedByName, h.ApprovedAt);
}

/// <summary>A handover request or approval: refused (as a case command is), or the handover as it now is.</summary>
public sealed record HandoverOutcome(CaseRefused? Refused, Handover? Handover);

/// <summary>
/// Handovers: asked for by an officer (or by a supervisor on an officer's behalf), in force once a
/// supervisor or inspector other than the two officers approved it. Each is audited. Who covers for
/// whom is read when it matters (My work, a mail being sent), so a handover starts and ends on time
/// without a job moving anything.
/// </summary>
public sealed class Handovers(ReviewDb db, AuditTrail audit, TimeProvider clock)
{
    /// <summary>The users whose work <paramref name="userId"/> holds now: themselves, and whoever handed over to them.</summary>
    public static async Task<List<string>> ActingForAsync(ReviewDb db, string userId, DateTimeOffset now, CancellationToken ct = default) =>
        [userId, .. await db.Handovers.AsNoTracking()
            .Where(h => h.ToId == userId && h.ApprovedAt != null && h.StartsAt <= now && now < h.EndsAt)
            .Select(h => h.FromId).ToListAsync(ct)];

    /// <summary>Who holds <paramref name="userId"/>'s work now: the colleague of a handover in force, else they themselves.</summary>
    public static async Task<string> CoverAsync(ReviewDb db, string userId, DateTimeOffset now, CancellationToken ct = default) =>
        await db.Handovers.AsNoTracking()
            .Where(h => h.FromId == userId && h.ApprovedAt != null && h.StartsAt <= now && now < h.EndsAt)
            .Select(h => h.ToId).FirstOrDefaultAsync(ct) ?? userId;

    public static async Task<List<HandoverDto>> ListAsync(ReviewDb db, CurrentUser user, DateTimeOffset now, CancellationToken ct)
    {
        var query = db.Handovers.AsNoTracking().Where(h => h.EndsAt > now.AddDays(-30));
        if (!user.SeesAllTeams) query = query.Where(h => h.Team == user.Team);
        return [.. (await query.OrderBy(h => h.StartsAt).ThenBy(h => h.Id).ToListAsync(ct)).Select(h => HandoverDto.From(h, now))];
    }

    public async Task<HandoverOutcome> RequestAsync(HandoverRequest request, CurrentUser user, CancellationToken ct)
    {
        var now = AuditHash.ToStoredPrecision(clock.GetUtcNow());
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.To)) errors["to"] = ["required"];
        if (request.StartsAt is null) errors["startsAt"] = ["required"];
        if (request.EndsAt is null) errors["endsAt"] = ["required"];
        else if (request.StartsAt is { } s && request.EndsAt <= s) errors["endsAt"] = ["must be after startsAt"];
        else if (request.EndsAt <= now) errors["endsAt"] = ["must be in the future: the period is over"];
        if (request.Reason is { Length: > CaseLimits.Rationale }) errors["reason"] = [$"at most {CaseLimits.Rationale} characters"];
        if (errors.Count > 0) return new(CaseRefused.Invalid(errors), null);

        var fromGiven = string.IsNullOrWhiteSpace(request.From) ? user.Id : request.From.Trim();
        var from = await FindAsync(fromGiven, user, ct);
        if (from is null || from.Deactivated) return new(CaseRefused.Invalid("from", CaseLog.NotAnActiveCaseworker), null);
        if (from.Id != user.Id && !Roles.Satisfies(user.Role, Roles.Supervisor))
            return new(CaseRefused.Because(RefusalKind.Forbidden, "an officer hands over their own work; a supervisor may ask on someone's behalf"), null);
        // The colleague must see the cases: one of the same team, able to sign in.
        var to = await TeamUsers.FindAsync(db, from.Team, request.To!, ct);
        if (to is null || to.Deactivated) return new(CaseRefused.Invalid("to", $"{CaseLog.NotAnActiveCaseworker} ({from.DisplayName}'s team, {from.Team})"), null);
        if (to.Id == from.Id) return new(CaseRefused.Invalid("to", "must be someone else"), null);

        var startsAt = request.StartsAt!.Value.ToUniversalTime();
        var endsAt = request.EndsAt!.Value.ToUniversalTime();
        if (await OverlapAsync(from.Id, startsAt, endsAt, ct) is { } other)
            return new(CaseRefused.Invalid("startsAt", Overlaps(other)), null);

        var handover = new Handover
        {
            Team = from.Team, FromId = from.Id, FromName = from.DisplayName, ToId = to.Id, ToName = to.DisplayName, StartsAt = startsAt, EndsAt = endsAt,
            Reason = request.Reason?.Trim() ?? "", RequestedById = user.Id, RequestedByName = user.DisplayName, RequestedAt = now,
        };
        return await SaveAsync(user, "handover.requested", handover, ct, add: true);
    }

    public async Task<HandoverOutcome> ApproveAsync(long id, CurrentUser user, CancellationToken ct)
    {
        var now = AuditHash.ToStoredPrecision(clock.GetUtcNow());
        var h = await db.Handovers.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (h is null || !user.CanSee(h.Team)) return new(CaseRefused.Because(RefusalKind.NotFound, $"no handover {id} in your team"), null);
        if (!Roles.Satisfies(user.Role, Roles.Supervisor))
            return new(CaseRefused.Because(RefusalKind.Forbidden, "only a supervisor or inspector may approve a handover"), null);
        if (user.Id == h.FromId || user.Id == h.ToId)
            return new(CaseRefused.Because(RefusalKind.Forbidden, "a handover is approved by someone other than the two officers"), null);
        if (h.ApprovedAt is not null) return new(CaseRefused.Because(RefusalKind.Conflict, $"approved already by {h.ApprovedByName}"), null);
        if (h.EndsAt <= now) return new(CaseRefused.Because(RefusalKind.Conflict, "its period is over"), null);
        h.ApprovedById = user.Id;
        h.ApprovedByName = user.DisplayName;
        h.ApprovedAt = now;
        return await SaveAsync(user, "handover.approved", h, ct, add: false);
    }

    private async Task<HandoverOutcome> SaveAsync(CurrentUser user, string action, Handover h, CancellationToken ct, bool add)
    {
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (add) db.Handovers.Add(h);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(user, null, action, new
            {
                handover = h.Id, team = h.Team, from = h.FromId, to = h.ToId, startsAt = h.StartsAt, endsAt = h.EndsAt, reason = h.Reason,
            }, ct);
            await tx.CommitAsync(ct);
            return new(null, h);
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException
            || (ex.InnerException as PostgresException)?.SqlState == PostgresErrorCodes.ExclusionViolation)
        {
            // Two requests for overlapping periods, or two approvals, at the same moment: the database let one through.
            return new(CaseRefused.Because(RefusalKind.Conflict, "Another handover for the same officer and period, or another approval, was saved at the same time; reload and try again."), null);
        }
    }

    private Task<Handover?> OverlapAsync(string fromId, DateTimeOffset startsAt, DateTimeOffset endsAt, CancellationToken ct) =>
        db.Handovers.AsNoTracking().Where(h => h.FromId == fromId && h.StartsAt < endsAt && startsAt < h.EndsAt).OrderBy(h => h.StartsAt).FirstOrDefaultAsync(ct);

    private static string Overlaps(Handover other) =>
        $"the period overlaps {other.FromName}'s handover to {other.ToName} from {other.StartsAt.UtcDateTime:yyyy-MM-dd HH:mm} to {other.EndsAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC";

    private async Task<User?> FindAsync(string emailOrId, CurrentUser user, CancellationToken ct)
    {
        if (!user.SeesAllTeams) return await TeamUsers.FindAsync(db, user.Team, emailOrId, ct);
        var normalized = emailOrId.ToUpperInvariant();
        string[] casework = [.. Roles.Casework];
        return await db.Users.AsNoTracking().Where(u => casework.Contains(u.Role) && (u.Id == emailOrId || u.NormalizedEmail == normalized)).FirstOrDefaultAsync(ct);
    }
}
