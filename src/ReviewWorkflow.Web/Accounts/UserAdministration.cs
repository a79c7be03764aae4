using ReviewWorkflow.Web.Audit;

namespace ReviewWorkflow.Web.Accounts;

public sealed record ChangeUserRequest(string? Role, string? Team);

/// <summary>What became of an administrator's change to an account.</summary>
public abstract record AccountChange
{
    public sealed record Done(UserDto User) : AccountChange;
    public sealed record NotFound : AccountChange;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : AccountChange;
    public sealed record Refused(string Reason) : AccountChange;
}

/// <summary>
/// Deactivate, reactivate, unlock, change role or team: the same checks and audit for the API and
/// the administration page. Whatever changes what a token says or whether the account may act
/// (deactivation, role, team) ends its tokens and sessions: the new stamp refuses the old ones.
/// </summary>
public sealed class UserAdministration(UserManager<User> users, ReviewDb db, AuditTrail audit, SessionStamps stamps)
{
    public Task<AccountChange> DeactivateAsync(string userId, CurrentUser admin, CancellationToken ct) =>
        ApplyAsync(userId, admin, "user.deactivated", endSessions: true, ct, user =>
            user.Id == admin.Id ? "An administrator cannot deactivate their own account; ask another administrator."
            : user.Deactivated ? "The account is already deactivated."
            : Set(() => user.Deactivated = true));

    public Task<AccountChange> ReactivateAsync(string userId, CurrentUser admin, CancellationToken ct) =>
        ApplyAsync(userId, admin, "user.reactivated", endSessions: false, ct, user =>
            !user.Deactivated ? "The account is not deactivated." : Set(() => user.Deactivated = false));

    /// <summary>Ends a lockout early (the tokens it ended stay ended: the owner signs in again).</summary>
    public Task<AccountChange> UnlockAsync(string userId, CurrentUser admin, CancellationToken ct) =>
        ApplyAsync(userId, admin, "user.unlocked", endSessions: false, ct, user => Set(() =>
        {
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
        }));

    public async Task<AccountChange> ChangeAsync(string userId, ChangeUserRequest request, CurrentUser admin, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Role is null && request.Team is null) errors["role"] = ["give a role, a team or both"];
        if (request.Role is not null && !Roles.All.Contains(request.Role)) errors["role"] = [$"must be one of: {string.Join(", ", Roles.All)}"];
        if (request.Team is not null && (string.IsNullOrWhiteSpace(request.Team) || request.Team.Trim().Length > 100)) errors["team"] = ["must not be blank, at most 100 characters"];
        if (errors.Count > 0) return new AccountChange.Invalid(errors);
        return await ApplyAsync(userId, admin, "user.changed", endSessions: true, ct, user =>
            user.Id == admin.Id && request.Role is not null && request.Role != user.Role
                ? "An administrator cannot change their own role; ask another administrator."
                : Set(() =>
                {
                    user.Role = request.Role ?? user.Role;
                    user.Team = request.Team?.Trim() ?? user.Team;
                }));
    }

    public static UserDto ToDto(User u) => new(u.Id, u.Email!, u.DisplayName, u.Role, u.Team, !u.Deactivated, u.LockoutEnd);

    private static string? Set(Action change)
    {
        change();
        return null;
    }

    /// <param name="change">Changes the user, or says why it may not.</param>
    private async Task<AccountChange> ApplyAsync(string userId, CurrentUser admin, string action, bool endSessions, CancellationToken ct, Func<User, string?> change)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await users.FindByIdAsync(userId) is not { } user) return new AccountChange.NotFound();
        var before = ToDto(user);
        if (change(user) is { } reason) return new AccountChange.Refused(reason);
        if (ToDto(user) == before) return new AccountChange.Done(before); // nothing to change, nothing to audit
        // The stamp changes in the same save (UpdateSecurityStampAsync saves the whole user); a
        // concurrent change to the account fails it, and the administrator tries again.
        var saved = endSessions ? await users.UpdateSecurityStampAsync(user) : await users.UpdateAsync(user);
        if (!saved.Succeeded) return new AccountChange.Refused("The account was changed meanwhile; reload and try again.");
        var after = ToDto(user);
        await audit.AppendAsync(admin, null, action, new { user.Id, user.Email, before = Summary(before), after = Summary(after) }, ct);
        await tx.CommitAsync(ct);
        stamps.Forget(user.Id); // also after a reactivation, whose new tokens must not meet the deactivated entry
        return new AccountChange.Done(after);
    }

    private static object Summary(UserDto u) => new { u.Role, u.Team, u.Active, u.LockedOutUntil };
}
