using ReviewWorkflow.Engine.Commands;

namespace ReviewWorkflow.Web.Cases;

/// <summary>The death's classification through the engine's <c>Classify</c> command, for the API and the classify page alike.</summary>
public sealed class Classify(CaseProcedure cases)
{
    public async Task<CaseOutcome> RunAsync(CaseContext context, ClassificationRequest request, CurrentUser user, CancellationToken ct) =>
        CaseRefused.TooLong("rationale", request.Rationale) ?? await cases.DecideAsync(context, user, "case.classified",
            now => Procedure.Classify(context.Definition, context.State, request.Category ?? "", request.Rationale, user.ToActor(), now), ct);
}
