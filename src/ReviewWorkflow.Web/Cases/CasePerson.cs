namespace ReviewWorkflow.Web.Cases;

/// <summary>Someone connected with a death: finder, reporter, witness, associate, family, person of interest.</summary>
public sealed class CasePerson
{
    public long Id { get; init; }
    public Guid CaseId { get; init; }
    public required string Name { get; init; }
    public required string Role { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public string? Username { get; init; }
    public required DateTimeOffset AddedAt { get; init; }
}
