using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
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
            var (user, errors) = await UserCreation.CreateAsync(request, users, db, audit, admin, ct);
            if (user is null)
                return TypedResults.ValidationProblem(errors, 
                    title: UserCreation.Validate(request).Count > 0 ? "The user is not valid" : "The user cannot be created");
            return TypedResults.Created($"/api/admin/users/{user.Id}", new UserDto(user.Id, user.Email!, user.DisplayName, user.Role, user.Team));
        });
    }
}
