using Microsoft.Extensions.Options;
using ReviewWorkflow.Web.Audit;

namespace ReviewWorkflow.Web.Accounts;

/// <summary>
/// Identity's user manager, except that the failure which locks an account also ends its tokens and
/// sessions: whoever was guessing may already hold one, and the owner gets it back by signing in
/// once the lock is over (or an administrator unlocks it). A lockout is audited, and so is its end
/// when it runs out (seen at the account's next sign-in attempt); lockouts follow the app's clock.
/// </summary>
public sealed class AccountUsers(
    IUserStore<User> store, IOptions<IdentityOptions> options, IPasswordHasher<User> hasher,
    IEnumerable<IUserValidator<User>> userValidators, IEnumerable<IPasswordValidator<User>> passwordValidators,
    ILookupNormalizer normalizer, IdentityErrorDescriber describer, IServiceProvider services,
    ILogger<UserManager<User>> logger, SessionStamps stamps, ReviewDb db, AuditTrail audit, TimeProvider clock)
    : UserManager<User>(store, options, hasher, userValidators, passwordValidators, normalizer, describer, services, logger)
{
    /// <summary>The actor of lockout events: repeated wrong passwords, not a person the app knows.</summary>
    public static readonly CurrentUser SignIn = new("system:sign-in", "Sign-in", "system", "");

    public override Task<bool> IsLockedOutAsync(User user) =>
        Task.FromResult(SupportsUserLockout && user.LockoutEnabled && user.LockoutEnd > clock.GetUtcNow());

    public override async Task<IdentityResult> AccessFailedAsync(User user)
    {
        var lapsed = EndLapsedLockout(user);
        var locks = ++user.AccessFailedCount >= Options.Lockout.MaxFailedAccessAttempts && user.LockoutEnabled;
        if (locks)
        {
            user.AccessFailedCount = 0;
            user.LockoutEnd = clock.GetUtcNow() + Options.Lockout.DefaultLockoutTimeSpan;
        }
        await using var tx = await db.Database.BeginTransactionAsync();
        var result = locks ? await UpdateSecurityStampAsync(user) : await UpdateUserAsync(user); // both save the user
        if (!result.Succeeded) return result;
        if (lapsed is { } end) await AuditExpiryAsync(user, end);
        if (locks)
        {
            await audit.AppendAsync(SignIn, null, "user.locked-out",
                new { user.Id, user.Email, failedSignIns = Options.Lockout.MaxFailedAccessAttempts, lockedOutUntil = user.LockoutEnd });
        }
        await tx.CommitAsync();
        if (locks) stamps.Forget(user.Id);
        return result;
    }

    public override async Task<IdentityResult> ResetAccessFailedCountAsync(User user)
    {
        var lapsed = EndLapsedLockout(user);
        if (user.AccessFailedCount == 0 && lapsed is null) return IdentityResult.Success;
        user.AccessFailedCount = 0;
        await using var tx = await db.Database.BeginTransactionAsync();
        var result = await UpdateUserAsync(user);
        if (!result.Succeeded) return result;
        if (lapsed is { } end) await AuditExpiryAsync(user, end);
        await tx.CommitAsync();
        return result;
    }

    /// <summary>Clears a lockout that has run out and answers its end, so that the end is recorded once.</summary>
    private DateTimeOffset? EndLapsedLockout(User user)
    {
        if (user.LockoutEnd is not { } end || end > clock.GetUtcNow()) return null;
        user.LockoutEnd = null;
        return end;
    }

    private Task AuditExpiryAsync(User user, DateTimeOffset end) =>
        audit.AppendAsync(SignIn, null, "user.lockout-expired", new { user.Id, user.Email, lockedOutUntil = end });
}
