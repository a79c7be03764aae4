using Microsoft.Extensions.Options;
using MimeKit;
using ReviewWorkflow.Web.Escalation;
using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Web.Notifications;

/// <summary>Addresses a message resolved to, or why there are none.</summary>
public sealed record Recipients(IReadOnlyList<MailboxAddress> Addresses, string? Problem)
{
    public static Recipients None(string problem) => new([], problem);
}

/// <summary>
/// Turns an outbox message's recipient (a role of the case's team, or a person) into addresses
/// when it is sent, not when it was written: a supervisor who left in between is not told, their
/// successor is. A team may route its supervisor or inspector mail to a configured address (a
/// deputy covering an absence, a shared mailbox); disabled (locked-out) accounts are skipped.
/// </summary>
public sealed class RecipientResolver(ReviewDb db, WorkflowRegistry workflows, IOptions<EscalationOptions> options, TimeProvider clock)
{
    public async Task<Recipients> ResolveAsync(OutboxMessage m, CancellationToken ct) => m.Recipient switch
    {
        "user" => await PersonAsync(m.RecipientUserId ?? "", $"user {m.RecipientUserId} has no usable email address", ct),
        Roles.Officer => await CaseOfficerAsync(m.CaseId, ct),
        "assignee" => await AssigneeAsync(m, ct),
        Roles.Supervisor or Roles.Inspector => await RoleAsync(m.Recipient, m.Team, ct),
        _ => Recipients.None($"unknown recipient '{m.Recipient}'"),
    };

    /// <summary>
    /// Messages with equal keys resolve to the same addresses at the same moment: a role's mail is the
    /// team's, a person's is theirs, whatever case it is about; only an assignee or an officer depends on the case.
    /// </summary>
    public static string SameAddressesKey(OutboxMessage m) => m.Recipient switch
    {
        "user" => $"user:{m.RecipientUserId}",
        Roles.Supervisor or Roles.Inspector => $"{m.Recipient}:{m.Team}",
        Roles.Officer => $"officer:{m.CaseId}",
        _ => $"{m.Recipient}:{m.CaseId}:{m.StepKey}:{m.Team}",
    };

    /// <summary>The step's assignee; for a step that belongs to a role rather than a person, the team's users of that role.</summary>
    private async Task<Recipients> AssigneeAsync(OutboxMessage m, CancellationToken ct)
    {
        var assignee = await db.CaseSteps.AsNoTracking().Where(s => s.CaseId == m.CaseId && s.Key == m.StepKey)
            .Select(s => s.AssigneeId).FirstOrDefaultAsync(ct);
        if (assignee is not null) return await PersonAsync(assignee, "the step's assignee has no usable email address", ct);
        var head = await db.Cases.AsNoTracking().Where(c => c.Id == m.CaseId).Select(c => new { c.WorkflowKey, c.WorkflowVersion }).FirstOrDefaultAsync(ct);
        return (head is null ? null : workflows.Get(head.WorkflowKey, head.WorkflowVersion).FindStep(m.StepKey ?? "")?.Role) switch
        {
            null => Recipients.None($"step '{m.StepKey}' of case {m.CaseId} not found"),
            Roles.Officer => await CaseOfficerAsync(m.CaseId, ct),
            var role => await RoleAsync(role, m.Team, ct),
        };
    }

    /// <summary>A person's mail, or while their handover is in force the colleague's who holds their work (Casework/Handovers).</summary>
    private async Task<Recipients> PersonAsync(string userId, string problem, CancellationToken ct)
    {
        var holder = await Casework.Handovers.CoverAsync(db, userId, clock.GetUtcNow(), ct);
        return await UsersAsync(db.Users.Where(u => u.Id == holder), problem, ct);
    }

    private async Task<Recipients> CaseOfficerAsync(Guid? caseId, CancellationToken ct) =>
        await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.OfficerId).FirstOrDefaultAsync(ct) is { } officer
            ? await PersonAsync(officer, "the case's officer has no usable email address", ct)
            : Recipients.None($"case {caseId} not found");

    private async Task<Recipients> RoleAsync(string role, string team, CancellationToken ct)
    {
        options.Value.Teams.TryGetValue(team, out var addresses);
        var (configured, setting) = role == Roles.Supervisor
            ? (addresses?.SupervisorAddress, $"Escalation:Teams:{team}:SupervisorAddress")
            : (addresses?.InspectorAddress ?? options.Value.InspectorAddress, "Escalation:InspectorAddress");
        if (!string.IsNullOrWhiteSpace(configured))
            return MailboxAddress.TryParse(configured, out var address)
                ? new Recipients([address], null)
                : Recipients.None($"{setting} is not a valid email address");
        // Inspectors oversee every team; other roles are the case's team's.
        var users = role == Roles.Inspector ? db.Users.Where(u => u.Role == role) : db.Users.Where(u => u.Team == team && u.Role == role);
        return await UsersAsync(users, $"no {role} with an email address{(role == Roles.Inspector ? "" : $" in team '{team}'")} and {setting} is not set", ct);
    }

    private async Task<Recipients> UsersAsync(IQueryable<User> users, string problem, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var found = await users.Where(u => u.Email != null && (u.LockoutEnd == null || u.LockoutEnd <= now))
            .OrderBy(u => u.Email).Select(u => new { u.DisplayName, u.Email }).ToListAsync(ct);
        return found.Count == 0
            ? Recipients.None(problem)
            : new Recipients(found.Select(u => new MailboxAddress(u.DisplayName, u.Email!)).ToList(), null);
    }
}
