using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace ReviewWorkflow.Web.Accounts;

/// <summary>Puts role, team and display name into the cookie and bearer token, so no request needs a user lookup.</summary>
public sealed class ClaimsFactory(UserManager<User> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<User>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role));
        identity.AddClaim(new Claim(CurrentUser.TeamClaim, user.Team));
        identity.AddClaim(new Claim(CurrentUser.DisplayNameClaim, user.DisplayName));
        return identity;
    }
}
