namespace ReviewWorkflow.Web.SignOff;

/// <summary>A supervisor's request for a homicide referral. Every member nullable: a missing value gets our message, naming the field.</summary>
public sealed record ReferralRequestRequest(string? Rationale);

public static class SignOffEndpoints
{
    public static void MapSignOffs(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/sign-offs", SignOffQueue.PendingAsync)
            .WithTags("Sign-off")
            .RequireAuthorization(p => p.RequireAuthenticatedUser().RequireRole(Roles.Supervisor, Roles.Inspector));

        routes.MapPost("/api/cases/{id:guid}/steps/{stepKey}/sign-off", (Guid id, string stepKey, SignOffRequest request, CaseProcedure cases,
            SignOffStep signOff, CurrentUser user, CancellationToken ct) =>
            cases.ChangeAsync(id, user, context => signOff.RunAsync(context, stepKey, request, user, ct), ct))
            .WithTags("Sign-off").RequireAuthorization(Policies.Casework);

        routes.MapPost("/api/cases/{id:guid}/referral-request", (Guid id, ReferralRequestRequest request, CaseProcedure cases, Refer refer,
            CurrentUser user, CancellationToken ct) =>
            cases.ChangeAsync(id, user, context => refer.RunAsync(context, request.Rationale, user, ct), ct))
            .WithTags("Sign-off").RequireAuthorization(Policies.Casework);
    }
}
