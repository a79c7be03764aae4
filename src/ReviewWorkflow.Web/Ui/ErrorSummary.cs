namespace ReviewWorkflow.Web.Ui;

/// <summary>
/// What the GOV.UK error summary at the top of a form lists: each problem, linked to its field when it
/// has one (<see cref="Href"/> "#field-id"). Rendered by <c>/Ui/_ErrorSummary.cshtml</c>, which every form uses.
/// </summary>
public sealed record ErrorSummary(string Title, IReadOnlyList<(string? Href, string Text)> Items)
{
    /// <summary>A refusal's reasons (no field of their own), in words with step titles.</summary>
    public static ErrorSummary Reasons(string title, WorkflowDefinition? definition, IEnumerable<string> reasons) =>
        new(title, reasons.Select(r => ((string?)null, definition is null ? Words.UkTimes(r) : Words.Reason(definition, r))).ToList());
}
