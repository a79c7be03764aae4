using ReviewWorkflow.Engine.Commands;

namespace ReviewWorkflow.Web.SignOff;

/// <summary>A supervisor approves a sign-off step or returns work for redo, for the API and the review page alike.</summary>
public sealed class SignOffStep(CaseProcedure cases)
{
    public async Task<CaseOutcome> RunAsync(CaseContext context, string stepKey, SignOffRequest request, CurrentUser user, CancellationToken ct) =>
        CaseRefused.TooLong("rationale", request.Rationale) ?? await cases.DecideAsync(context, user,
            request.Decision == "return" ? "step.returned" : "step.signed-off",
            now => Procedure.SignOff(context.Definition, context.State, stepKey, request.Decision ?? "", request.Rationale,
                request.ReturnSteps ?? [], user.ToActor(), now), ct);
}
