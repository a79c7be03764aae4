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
