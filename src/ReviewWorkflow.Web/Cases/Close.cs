using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Web.Accounts;

namespace ReviewWorkflow.Web.Cases;

/// <summary>Closure through the engine's <c>Close</c> command, for the API and the close page alike.</summary>
public sealed class Close(CaseProcedure cases)
{
    public async Task<CaseOutcome> RunAsync(CaseContext context, string? rationale, CurrentUser user, CancellationToken ct) =>
        CaseRefused.TooLong("rationale", rationale) ?? await cases.DecideAsync(context, user, "case.closed",
            now => Procedure.Close(context.Definition, context.State, rationale, user.ToActor(), now), ct);
}
