using System.Security.Claims;

namespace ReviewWorkflow.Web.Accounts;

/// <summary>The signed-in user as endpoints need them: id, name, role and team, read from the token's claims.</summary>
public sealed record CurrentUser(string Id, string DisplayName, string Role, string Team)
{
    public const string TeamClaim = "team";
    public const string DisplayNameClaim = "display_name";

    /// <summary>Inspectors and admins oversee every team; everyone else sees their own team's cases only.</summary>
    public bool SeesAllTeams => Role is Roles.Inspector or Roles.Admin;

    public bool CanSee(string team) => SeesAllTeams || string.Equals(team, Team, StringComparison.Ordinal);

    public Actor ToActor() => new(Id, DisplayName, Role);

    public static CurrentUser? From(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (principal.Identity?.IsAuthenticated != true || id is null) return null;
        return new CurrentUser(
            id,
            principal.FindFirstValue(DisplayNameClaim) ?? principal.Identity.Name ?? id,
            principal.FindFirstValue(ClaimTypes.Role) ?? "",
            principal.FindFirstValue(TeamClaim) ?? "");
    }

    // Lets minimal API handlers take a CurrentUser parameter; the route groups require an
    // authenticated user, so a missing principal here is a configuration error, not a user error.
    public static ValueTask<CurrentUser?> BindAsync(HttpContext context) =>
        ValueTask.FromResult<CurrentUser?>(From(context.User) ?? throw new InvalidOperationException("An authenticated user is required."));
}
