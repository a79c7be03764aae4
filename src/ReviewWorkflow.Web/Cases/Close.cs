using ReviewWorkflow.Engine.Commands;

namespace ReviewWorkflow.Web.Cases;

/// <summary>Closure through the engine's <c>Close</c> command, for the API and the close page alike.</summary>
public sealed class Close(CaseProcedure cases)
{
    public async Task<CaseOutcome> RunAsync(CaseContext context, CloseRequest request, CurrentUser user, CancellationToken ct)
    {
        // The engine refuses closure with what is unmet, in the checklist's words; the length is the schema's.
        if (CaseRefused.TooLong("rationale", request.Rationale) is { } tooLong) return tooLong;
        return await cases.DecideAsync(context, user, "case.closed",
            now => Procedure.Close(context.Definition, context.State, request.Rationale, user.ToActor(), now), ct);
    }
}
