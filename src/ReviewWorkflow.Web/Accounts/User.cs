namespace ReviewWorkflow.Web.Accounts;

/// <summary>A person who works cases. One role and one team each; the team scopes what they see.</summary>
public sealed class User : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public string Team { get; set; } = "";
    public string Role { get; set; } = "";

    /// <summary>Set by an administrator: the account cannot sign in, and its tokens and sessions have ended.</summary>
    public bool Deactivated { get; set; }
}

/// <summary>The stored length of a user's id and name, wherever they are kept (beside what a user did, too).</summary>
public static class UserLimits
{
    /// <summary>ASP.NET Core Identity's key length.</summary>
    public const int Id = 450;
    public const int Name = 200;
}
