namespace ReviewWorkflow.Web.Accounts;

public static class Policies
{
    public const string Admin = "admin";
    public const string Casework = "casework";
    public const string CreateCases = "create-cases";

    public static void AddReviewPolicies(this AuthorizationBuilder auth) => auth
        .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin))
        .AddPolicy(Casework, p => p.RequireAuthenticatedUser().RequireRole(Roles.Officer, Roles.Supervisor, Roles.Inspector))
        .AddPolicy(CreateCases, p => p.RequireAuthenticatedUser().RequireRole(Roles.Officer, Roles.Supervisor));
}
