using System.Text.Json;

namespace ReviewWorkflow.Web.Accounts;

/// <summary>Creates the demo accounts of <c>seeds/users.json</c> that do not exist yet (idempotent).</summary>
public static class DemoSeed
{
    private sealed record SeedFile(string Password, List<SeedUser> Users);

    private sealed record SeedUser(string Email, string DisplayName, string Role, string Team);

    public static async Task RunAsync(IServiceProvider services, string seedsFolder, ILogger logger)
    {
        var path = Path.Combine(seedsFolder, "users.json");
        var seed = JsonSerializer.Deserialize<SeedFile>(await File.ReadAllTextAsync(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException($"{path} is empty.");
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        foreach (var s in seed.Users)
        {
            if (await users.FindByEmailAsync(s.Email) is not null) continue;
            var user = new User { UserName = s.Email, Email = s.Email, EmailConfirmed = true, DisplayName = s.DisplayName, Role = s.Role, Team = s.Team };
            var result = await users.CreateAsync(user, seed.Password);
            if (!result.Succeeded)
                throw new InvalidOperationException($"Demo user {s.Email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            logger.LogInformation("Demo account {Email} ({Role}, team {Team}) created", s.Email, s.Role, s.Team);
        }
    }
}
