using Microsoft.AspNetCore.Http.HttpResults;
using ReviewWorkflow.Web.Audit;

namespace ReviewWorkflow.Web.Accounts;

public sealed record CreateUserRequest(string? Email, string? DisplayName, string? Password, string? Role, string? Team);

/// <param name="Active">False once an administrator has deactivated the account.</param>
/// <param name="LockedOutUntil">Set while repeated failed sign-ins lock the account, and after it until the next sign-in attempt records the lock's end.</param>
public sealed record UserDto(string Id, string Email, string DisplayName, string Role, string Team, bool Active = true, DateTimeOffset? LockedOutUntil = null);

public static class AdminUserEndpoints
{
    public static void MapAdminUsers(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/users").WithTags("Administration").RequireAuthorization(Policies.Admin);

        group.MapGet("/", async (ReviewDb db, CancellationToken ct) => TypedResults.Ok(
            await db.Users.AsNoTracking().OrderBy(u => u.Team).ThenBy(u => u.Email)
                .Select(u => new UserDto(u.Id, u.Email!, u.DisplayName, u.Role, u.Team, !u.Deactivated, u.LockoutEnd)).ToListAsync(ct)));

        group.MapPost("/", async Task<Results<Created<UserDto>, ValidationProblem>>
            (CreateUserRequest request, UserManager<User> users, ReviewDb db, AuditTrail audit, CurrentUser admin, CancellationToken ct) =>
        {
            var (user, errors) = await UserCreation.CreateAsync(request, users, db, audit, admin, ct);
            if (user is null)
                return TypedResults.ValidationProblem(errors, 
                    title: UserCreation.Validate(request).Count > 0 ? "The user is not valid" : "The user cannot be created");
            return TypedResults.Created($"/api/admin/users/{user.Id}", UserAdministration.ToDto(user));
        });

        // Each ends the account's tokens and sessions where that is the point (see UserAdministration).
        group.MapPost("/{userId}/deactivate", (string userId, UserAdministration admin, CurrentUser me, CancellationToken ct) =>
            AnswerAsync(admin.DeactivateAsync(userId, me, ct)));
        group.MapPost("/{userId}/reactivate", (string userId, UserAdministration admin, CurrentUser me, CancellationToken ct) =>
            AnswerAsync(admin.ReactivateAsync(userId, me, ct)));
        group.MapPost("/{userId}/unlock", (string userId, UserAdministration admin, CurrentUser me, CancellationToken ct) =>
            AnswerAsync(admin.UnlockAsync(userId, me, ct)));
        group.MapPatch("/{userId}", (string userId, ChangeUserRequest request, UserAdministration admin, CurrentUser me, CancellationToken ct) =>
            AnswerAsync(admin.ChangeAsync(userId, request, me, ct)));
    }

    private static async Task<Results<Ok<UserDto>, ValidationProblem, ProblemHttpResult>> AnswerAsync(Task<AccountChange> change) =>
        await change switch
        {
            AccountChange.Done done => TypedResults.Ok(done.User),
            AccountChange.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: "The change is not valid"),
            AccountChange.Refused refused => TypedResults.Problem(refused.Reason, statusCode: StatusCodes.Status409Conflict, title: "The account cannot be changed so"),
            _ => TypedResults.Problem("No such account.", statusCode: StatusCodes.Status404NotFound, title: "Not found"),
        };
}
