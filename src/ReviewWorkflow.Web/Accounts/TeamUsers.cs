namespace ReviewWorkflow.Web.Accounts;

/// <summary>
/// Finds a caseworker of a team from what an officer types: an email or a user id. A liaison or an
/// assignee outside the team could not see the case, so work given to them would silently stop.
/// </summary>
public static class TeamUsers
{
    public const string NotATeamUser = "must be the email or user id of an officer, supervisor or inspector of the case's team";

    public static async Task<User?> FindAsync(ReviewDb db, string team, string emailOrId, CancellationToken ct = default)
    {
        var given = emailOrId.Trim();
        if (given.Length == 0) return null;
        var normalized = given.ToUpperInvariant();
        string[] casework = [.. Roles.Casework];
        return await db.Users.AsNoTracking()
            .Where(u => u.Team == team && casework.Contains(u.Role))
            .Where(u => u.Id == given || u.NormalizedEmail == normalized)
            .FirstOrDefaultAsync(ct);
    }

    public static async Task<Dictionary<string, string>> DisplayNamesAsync(ReviewDb db, IEnumerable<string> ids, CancellationToken ct = default)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }
}
