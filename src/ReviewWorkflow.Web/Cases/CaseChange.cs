using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Evaluation;

namespace ReviewWorkflow.Web.Cases;

/// <summary>What a non-engine change decided: applied (with its audit data and any step activities) or refused.</summary>
public sealed record CaseChange(object AuditData, IReadOnlyList<StepActivity> Activities, Refused? Refusal)
{
    public static CaseChange Applied(object auditData, params StepActivity[] activities) => new(auditData, activities, null);

    public static CaseChange Refused(Refused refusal) => new(new { }, [], refusal);

    public static CaseChange Refused(RefusalKind kind, string reason) => Refused(Engine.Commands.Refused.Because(kind, reason));

    public static CaseChange Invalid(string field, string message) =>
        Refused(new Refused(RefusalKind.Invalid, [$"{field}: {message}"], new Dictionary<string, string[]> { [field] = [message] }));
}
