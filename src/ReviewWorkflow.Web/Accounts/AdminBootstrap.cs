namespace ReviewWorkflow.Web.Accounts;

/// <summary>
/// A deployment without demo data needs one first administrator, who then creates everyone else.
/// Created from <c>Bootstrap:AdminEmail</c> / <c>Bootstrap:AdminPassword</c> only while no admin exists.
/// </summary>
public static class AdminBootstrap
{
    public static async Task RunAsync(IServiceProvider services, IConfiguration configuration, ILogger logger)
    {
        var email = configuration["Bootstrap:AdminEmail"];
        var password = configuration["Bootstrap:AdminPassword"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password)) return;
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        if (await users.Users.AnyAsync(u => u.Role == Roles.Admin)) return;
        var admin = new User
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Administrator",
            Role = Roles.Admin, Team = configuration["Bootstrap:AdminTeam"] ?? "administration",
        };
        var result = await users.CreateAsync(admin, password);
        if (!result.Succeeded)
            throw new InvalidOperationException($"Bootstrap administrator {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        logger.LogWarning("Created the first administrator {Email}; remove Bootstrap__AdminPassword from the environment now", email);
    }
}
