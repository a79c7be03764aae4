using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ReviewWorkflow.Engine;
using ReviewWorkflow.Web.Audit;
using ReviewWorkflow.Web.Data;

namespace ReviewWorkflow.Web.Accounts;

public sealed record CreateUserRequest(string? Email, string? DisplayName, string? Password, string? Role, string? Team);

public sealed record UserDto(string Id, string Email, string DisplayName, string Role, string Team);

public static class AdminUserEndpoints
{
    public static void MapAdminUsers(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/users").WithTags("Administration").RequireAuthorization(Policies.Admin);

        group.MapGet("/", async (ReviewDb db, CancellationToken ct) => TypedResults.Ok(
            await db.Users.AsNoTracking().OrderBy(u => u.Team).ThenBy(u => u.Email)
                .Select(u => new UserDto(u.Id, u.Email!, u.DisplayName, u.Role, u.Team)).ToListAsync(ct)));

        group.MapPost("/", async Task<Results<Created<UserDto>, ValidationProblem>>
            (CreateUserRequest request, UserManager<User> users, ReviewDb db, AuditTrail audit, CurrentUser admin, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(request.Email) || !request.Email.Contains('@') || request.Email.Length > 256) errors["email"] = ["a valid email address is required"];
            if (string.IsNullOrWhiteSpace(request.DisplayName) || request.DisplayName.Length > 200) errors["displayName"] = ["required, at most 200 characters"];
            if (request.Role is null || !Roles.All.Contains(request.Role)) errors["role"] = [$"must be one of: {string.Join(", ", Roles.All)}"];
            if (string.IsNullOrWhiteSpace(request.Team) || request.Team.Length > 100) errors["team"] = ["required, at most 100 characters"];
            if (string.IsNullOrEmpty(request.Password)) errors["password"] = ["required"];
            if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The user is not valid");

            var user = new User { UserName = request.Email, Email = request.Email, EmailConfirmed = true, DisplayName = request.DisplayName!.Trim(), Role = request.Role!, Team = request.Team!.Trim() };
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var result = await users.CreateAsync(user, request.Password!);
            if (!result.Succeeded)
                return TypedResults.ValidationProblem(result.Errors.GroupBy(e => e.Code.Contains("Password") ? "password" : "email")
                    .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()), title: "The user cannot be created");
            await audit.AppendAsync(admin, null, "user.created", new { user.Id, user.Email, user.Role, user.Team }, ct);
            await tx.CommitAsync(ct);
            return TypedResults.Created($"/api/admin/users/{user.Id}", new UserDto(user.Id, user.Email!, user.DisplayName, user.Role, user.Team));
        });
    }
}
