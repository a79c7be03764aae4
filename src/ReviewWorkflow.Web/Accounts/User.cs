using Microsoft.AspNetCore.Identity;

namespace ReviewWorkflow.Web.Accounts;

/// <summary>A person who works cases. One role and one team each; the team scopes what they see.</summary>
public sealed class User : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public string Team { get; set; } = "";
    public string Role { get; set; } = "";
}
