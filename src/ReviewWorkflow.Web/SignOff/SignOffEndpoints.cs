using Microsoft.AspNetCore.Http.HttpResults;
using ReviewWorkflow.Engine;
using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Web.Accounts;
using ReviewWorkflow.Web.Cases;
using ReviewWorkflow.Web.Data;

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

        // F3: a supervisor may ask for a referral whatever the linkage shows; the engine then requires it.
        routes.MapPost("/api/cases/{id:guid}/referral-request", async Task<Results<Ok<CaseDto>, ProblemHttpResult, ValidationProblem>>
            (Guid id, ReferralRequestRequest request, CaseProcedure procedure, ReviewDb db, CurrentUser user, CancellationToken ct) =>
        {
            if (request.Rationale is { Length: > CaseLimits.Rationale })
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["rationale"] = [$"at most {CaseLimits.Rationale} characters"] });
            var outcome = await procedure.RunAsync(id, user, "case.referral-requested", (context, now) =>
                Procedure.RequestReferral(context.Definition, context.State, request.Rationale, user.ToActor(), now), ct);
            return await outcome.ToHttpAsync(db, ct);
        }).WithTags("Sign-off").RequireAuthorization(Policies.Casework).RequireVisibleCase();
    }
}
