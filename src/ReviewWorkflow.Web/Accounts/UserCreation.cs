using ReviewWorkflow.Web.Audit;

namespace ReviewWorkflow.Web.Accounts;

/// <summary>Creates an account (admins only): the same checks and audit for <c>POST /api/admin/users</c> and the administration page.</summary>
public static class UserCreation
{
    public static Dictionary<string, string[]> Validate(CreateUserRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Email) || !request.Email.Contains('@') || request.Email.Length > 256) errors["email"] = ["a valid email address is required"];
        if (string.IsNullOrWhiteSpace(request.DisplayName) || request.DisplayName.Length > 200) errors["displayName"] = ["required, at most 200 characters"];
        if (request.Role is null || !Roles.All.Contains(request.Role)) errors["role"] = [$"must be one of: {string.Join(", ", Roles.All)}"];
        if (string.IsNullOrWhiteSpace(request.Team) || request.Team.Length > 100) errors["team"] = ["required, at most 100 characters"];
        if (string.IsNullOrEmpty(request.Password)) errors["password"] = ["required"];
        return errors;
    }

    public static async Task<(User? User, Dictionary<string, string[]> Errors)> CreateAsync(
        CreateUserRequest request, UserManager<User> users, ReviewDb db, AuditTrail audit, CurrentUser admin, CancellationToken ct)
    {
        var errors = Validate(request);
        if (errors.Count > 0) return (null, errors);

        var user = new User { UserName = request.Email, Email = request.Email, EmailConfirmed = true, DisplayName = request.DisplayName!.Trim(), Role = request.Role!, Team = request.Team!.Trim() };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await users.CreateAsync(user, request.Password!);
        if (!result.Succeeded)
            return (null, result.Errors.GroupBy(e => e.Code.Contains("Password") ? "password" : "email")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
        await audit.AppendAsync(admin, null, "user.created", new { user.Id, user.Email, user.Role, user.Team }, ct);
        await tx.CommitAsync(ct);
        return (user, errors);
    }
}
