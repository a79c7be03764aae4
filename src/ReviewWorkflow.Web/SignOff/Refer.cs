using ReviewWorkflow.Engine.Commands;

namespace ReviewWorkflow.Web.SignOff;

/// <summary>
/// A supervisor asks for a homicide referral (F3) whatever the linkage shows; the engine then
/// requires the referral step. For the API and the referral page alike.
/// </summary>
public sealed class Refer(CaseProcedure cases)
{
    public async Task<CaseOutcome> RunAsync(CaseContext context, string? rationale, CurrentUser user, CancellationToken ct) =>
        CaseRefused.TooLong("rationale", rationale) ?? await cases.DecideAsync(context, user, "case.referral-requested",
            now => Procedure.RequestReferral(context.Definition, context.State, rationale, user.ToActor(), now), ct);
}
