using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ReviewWorkflow.Web.Accounts;

/// <summary>
/// Each account's current security stamp, as the database last said, for at most <see cref="MaxAge"/>.
/// A token or session carries the stamp it was issued with; deactivation, lockout, a role or team
/// change and a reused refresh token give the account a new one, so every older token stops
/// working within that time (at once on this instance, which forgets the account's entry).
/// </summary>
public sealed class SessionStamps(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, (string? Stamp, DateTimeOffset ReadAt)> _known = new(StringComparer.Ordinal);

    /// <summary>Whether a token with this stamp may still act for the user (a deactivated account has no current stamp).</summary>
    public async ValueTask<bool> IsCurrentAsync(string userId, string? stamp, IServiceProvider services, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!_known.TryGetValue(userId, out var known) || now - known.ReadAt >= MaxAge || now < known.ReadAt)
        {
            var db = services.GetRequiredService<ReviewDb>();
            var row = await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new { u.SecurityStamp, u.Deactivated }).FirstOrDefaultAsync(ct);
            known = (row is null || row.Deactivated ? null : row.SecurityStamp, now);
            _known[userId] = known;
        }
        return known.Stamp is not null && string.Equals(known.Stamp, stamp, StringComparison.Ordinal);
    }

    /// <summary>True for anyone not signed in; for a signed-in user, whether their token's stamp is current.</summary>
    public async ValueTask<bool> IsCurrentAsync(ClaimsPrincipal user, IdentityOptions options, HttpContext context) =>
        user.Identity?.IsAuthenticated != true || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id
        || await IsCurrentAsync(id, user.FindFirstValue(options.ClaimsIdentity.SecurityStampClaimType), context.RequestServices, context.RequestAborted);

    public void Forget(string userId) => _known.TryRemove(userId, out _);

    /// <summary>
    /// Gives the account a new stamp in one statement (what <see cref="UserManager{TUser}.UpdateSecurityStampAsync"/>
    /// does, without its lost-update refusal: whatever else changed the row meanwhile, the stamp must change).
    /// </summary>
    public static Task<int> RenewAsync(ReviewDb db, string userId, CancellationToken ct) =>
        db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.SecurityStamp, Guid.NewGuid().ToString("N").ToUpperInvariant())
            .SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString()), ct);
}

/// <summary>
/// Treats a request whose bearer token carries an outdated stamp as anonymous, so it gets the 401
/// of any unauthenticated request (bearer tokens have no check of their own).
/// </summary>
public sealed class SessionCheck(RequestDelegate next, SessionStamps stamps, IOptions<IdentityOptions> identity)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!await stamps.IsCurrentAsync(context.User, identity.Value, context))
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        await next(context);
    }

    /// <summary>
    /// The page cookie's check, in place of Identity's (which asks the database every 30 minutes):
    /// the same stamps, and the cookie is deleted.
    /// </summary>
    public static async Task ValidateCookieAsync(Microsoft.AspNetCore.Authentication.Cookies.CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        if (context.Principal is not { } principal || await services.GetRequiredService<SessionStamps>()
                .IsCurrentAsync(principal, services.GetRequiredService<IOptions<IdentityOptions>>().Value, context.HttpContext))
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
