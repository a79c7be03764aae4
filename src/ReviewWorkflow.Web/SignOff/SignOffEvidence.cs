using ReviewWorkflow.Web.FamilyInformation;
using ReviewWorkflow.Web.Linkage;
using ReviewWorkflow.Web.Steps;

namespace ReviewWorkflow.Web.SignOff;

/// <summary>The answers in force of one step a sign-off covers (none when it is not completed).</summary>
public sealed record CoveredStepDto(string Key, string Title, string State, IReadOnlyDictionary<string, object?> Answers, string? Note);

/// <summary>
/// Everything a sign-off approves, as the approver must see it: every linkage candidate (score,
/// reasons, disposition and rationale), every family-information item (actions and response), and
/// the answers of each covered step. F7, F11: decisions were approved without the approver seeing
/// what was decided; here the page and <c>GET …/steps/{key}</c> show the same evidence.
/// </summary>
public sealed record SignOffEvidenceDto(
    IReadOnlyList<LinkageCandidateDto> Candidates, IReadOnlyList<FamilyItemDto> FamilyItems, IReadOnlyList<CoveredStepDto> Steps);

public static class SignOffEvidence
{
    public static async Task<SignOffEvidenceDto?> ForAsync(ReviewDb db, Guid caseId, WorkflowDefinition definition, StepDefinition step,
        CaseEvaluation evaluation, DateTimeOffset now, CancellationToken ct)
    {
        if (step.Kind != StepKind.SignOff) return null;
        var covered = step.Approves.Select(definition.FindStep).OfType<StepDefinition>().ToList();
        var candidates = covered.Any(s => s.Kind == StepKind.Linkage) ? (await Disposition.CandidatesAsync(db, caseId, ct)).Candidates : [];
        var items = covered.Any(s => s.Kind == StepKind.FamilyInformation) ? (await FamilyInformationCommands.RegisterAsync(db, caseId, now, ct)).Items : [];
        var steps = covered
            .Select(s => evaluation[s.Key]!)
            .Select(s => new CoveredStepDto(s.Step.Key, s.Step.Title, s.State.Wire(),
                s.Completion is { } done ? StepDetail.Plain(done.Fields) : new Dictionary<string, object?>(), s.Completion?.Note))
            .ToList();
        return new SignOffEvidenceDto(candidates, items, steps);
    }
}
