namespace ReviewWorkflow.Web.Linkage;

/// <summary>
/// One normalised identifier of a case (a person's name, phone, email or user name; the deceased's
/// name; a name its circumstances mention), indexed by kind and value so that the same person in
/// two deaths is found at any distance and any time (F1, F2: the same man reported, found and was
/// complained about, and nobody joined it up). Derived from the case: rewritten on every linkage run.
/// </summary>
public sealed class PersonIdentifier
{
    public long Id { get; init; }
    public Guid CaseId { get; init; }
    public required string Kind { get; init; }
    public required string Value { get; init; }
    public required string Role { get; init; }
    /// <summary>Groups the identifiers of one person within the case.</summary>
    public required string PersonKey { get; init; }
    /// <summary>Initials only, as reasons show the person.</summary>
    public required string Label { get; init; }
}
