namespace ReviewWorkflow.Web.Accounts;

/// <summary>
/// The demo accounts (seeds/users.json: every address at <c>@demo.local</c>, one published
/// password) sign in only where demo data is switched on: in Development, with <c>--seed-demo</c>,
/// or with <c>Demo:Seed=true</c>. A production database that once had them seeded does not keep a
/// door open with a password anyone can read in the repository.
/// </summary>
public sealed class DemoAccounts(IConfiguration configuration, IHostEnvironment environment) : IUserConfirmation<User>
{
    public const string Domain = "@demo.local";

    public static bool Enabled(IConfiguration configuration, IHostEnvironment environment) =>
        environment.IsDevelopment() || configuration.GetValue<bool>("Demo:Seed") || Environment.GetCommandLineArgs().Contains("--seed-demo");

    public static bool IsDemo(string? email) => email?.EndsWith(Domain, StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>
    /// Asked by the sign-in manager before the password is even checked (so no lockout count
    /// either), and by the token refresh. A deactivated account is refused here too.
    /// </summary>
    public Task<bool> IsConfirmedAsync(UserManager<User> manager, User user) =>
        Task.FromResult(!user.Deactivated && (!IsDemo(user.Email) || Enabled(configuration, environment)));
}
