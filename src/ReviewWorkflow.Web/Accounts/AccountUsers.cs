using Microsoft.Extensions.Options;

namespace ReviewWorkflow.Web.Accounts;

/// <summary>
/// Identity's user manager, except that the failure which locks an account also ends its tokens and
/// sessions: whoever was guessing may already hold one, and the owner gets it back by signing in
/// once the lock is over (or an administrator unlocks it).
/// </summary>
public sealed class AccountUsers(
    IUserStore<User> store, IOptions<IdentityOptions> options, IPasswordHasher<User> hasher,
    IEnumerable<IUserValidator<User>> userValidators, IEnumerable<IPasswordValidator<User>> passwordValidators,
    ILookupNormalizer normalizer, IdentityErrorDescriber describer, IServiceProvider services,
    ILogger<UserManager<User>> logger, SessionStamps stamps)
    : UserManager<User>(store, options, hasher, userValidators, passwordValidators, normalizer, describer, services, logger)
{
    public override async Task<IdentityResult> AccessFailedAsync(User user)
    {
        var result = await base.AccessFailedAsync(user);
        if (!result.Succeeded || !await IsLockedOutAsync(user)) return result;
        result = await UpdateSecurityStampAsync(user);
        stamps.Forget(user.Id);
        return result;
    }
}
