namespace ReviewWorkflow.Web.Steps;

/// <summary>
/// Where a person acts on a step: sign-offs, classification and closure have their own forms; the
/// linkage check and the register have their own pages (which offer the completion when it is due).
/// </summary>
public static class StepLinks
{
    public static string For(Guid caseId, StepDefinition step) => (step.Kind, step.Decides) switch
    {
        (StepKind.SignOff, _) => $"/cases/{caseId}/sign-off/{step.Key}",
        (StepKind.Decision, DecisionPurpose.Classification) => $"/cases/{caseId}/classification",
        (StepKind.Decision, DecisionPurpose.Closure) => $"/cases/{caseId}/close",
        (StepKind.Linkage, _) => $"/cases/{caseId}/linkage",
        (StepKind.FamilyInformation, _) => $"/cases/{caseId}/family-information",
        _ => $"/cases/{caseId}/steps/{step.Key}",
    };

    /// <summary>The verb on the button that leads there.</summary>
    public static string Verb(StepDefinition step) => (step.Kind, step.Decides) switch
    {
        (StepKind.SignOff, _) => "Sign off",
        (StepKind.Decision, DecisionPurpose.Classification) => "Classify",
        (StepKind.Decision, DecisionPurpose.Closure) => "Close case",
        (StepKind.Linkage, _) => "Decide candidates",
        (StepKind.FamilyInformation, _) => "Open register",
        _ => "Complete",
    };
}
