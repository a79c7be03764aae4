using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using ReviewWorkflow.Web.Audit;

namespace ReviewWorkflow.Web.Accounts;

/// <summary>
/// A refresh token handed out: each is good for one refresh, which hands out its successor in the
/// same family (the chain that began at one sign-in).
/// </summary>
public sealed class IssuedRefreshToken
{
    public Guid Id { get; init; }
    public string UserId { get; init; } = "";
    public Guid Family { get; init; }
    public DateTimeOffset IssuedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? UsedAt { get; set; }
}

internal sealed class IssuedRefreshTokenConfiguration : IEntityTypeConfiguration<IssuedRefreshToken>
{
    public void Configure(EntityTypeBuilder<IssuedRefreshToken> b)
    {
        b.ToTable("refresh_tokens");
        b.HasKey(t => t.Id);
        b.HasIndex(t => t.UserId);
        b.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Single-use, rotating refresh tokens. The token itself stays Identity's protected ticket; it now
/// carries the id of its row here. A token used a second time was copied — by a thief or from a
/// thief — and nobody can tell which use was the owner's, so every token and session of the
/// account ends.
/// </summary>
public sealed class RefreshTokens(ReviewDb db, AuditTrail audit, SessionStamps stamps,
    TimeProvider clock, IOptionsMonitor<BearerTokenOptions> bearer)
{
    public const string IdClaim = "refresh_id";

    /// <summary>Records a new token of the family and puts its id into the principal about to be signed in.</summary>
    public async Task IssueAsync(ClaimsPrincipal principal, User user, Guid family, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var token = new IssuedRefreshToken
        {
            Id = Guid.NewGuid(), UserId = user.Id, Family = family, IssuedAt = now,
            ExpiresAt = now + bearer.Get(IdentityConstants.BearerScheme).RefreshTokenExpiration,
        };
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(IdClaim, token.Id.ToString()));
        // The account's expired tokens are of no use to anyone; they go as new ones come.
        await db.RefreshTokens.Where(t => t.UserId == user.Id && t.ExpiresAt < now).ExecuteDeleteAsync(ct);
        db.RefreshTokens.Add(token);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Uses up the token the ticket names and returns its family; null when it names none, or one
    /// already used, in which case every token and session of the user ends.
    /// </summary>
    public async Task<Guid?> RedeemAsync(ClaimsPrincipal ticket, User user, CancellationToken ct)
    {
        if (!Guid.TryParse(ticket.FindFirstValue(IdClaim), out var id)) return null;
        var now = clock.GetUtcNow();
        // One statement: of two refreshes racing with one token, exactly one finds it unused.
        var won = await db.RefreshTokens.Where(t => t.Id == id && t.UserId == user.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        var token = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id && t.UserId == user.Id, ct);
        if (won == 1 && token is not null) return token.Family;
        if (token is not null) await EndEverySessionAsync(user, CurrentUser.From(ticket) ?? new CurrentUser(user.Id, user.DisplayName, user.Role, user.Team), id, ct);
        return null;
    }

    private async Task EndEverySessionAsync(User user, CurrentUser actor, Guid reused, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await SessionStamps.RenewAsync(db, user.Id, ct);
        await audit.AppendAsync(actor, null, "user.sessions-ended", new { user.Id, user.Email, reason = "a refresh token was used twice", token = reused }, ct);
        await tx.CommitAsync(ct);
        stamps.Forget(user.Id);
    }
}
