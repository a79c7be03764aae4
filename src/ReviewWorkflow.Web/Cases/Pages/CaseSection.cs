namespace ReviewWorkflow.Web.Cases.Pages;

/// <summary>
/// A block of the case page owned by another feature (linkage candidates, the family-information
/// register). Register one with <c>services.AddScoped&lt;ICaseSection, …&gt;()</c>; the case page
/// renders each, in <see cref="Order"/>, with its partial and the model it returns (null: not shown).
/// </summary>
public interface ICaseSection
{
    int Order { get; }

    /// <summary>Absolute view path, e.g. <c>/Linkage/Pages/_CaseSection.cshtml</c>.</summary>
    string PartialPath { get; }

    Task<object?> ModelAsync(CaseContext context, CurrentUser user, CancellationToken ct);
}
