namespace ReviewWorkflow.Web.FamilyInformation;

// Every member is nullable so a missing value reaches our validation and gets a message naming the field.
public sealed record ProvidedByInput(string? Name, string? Relationship, string? Contact);

/// <summary>A person or identifier the information names; any one of the four is enough.</summary>
public sealed record NamedPersonInput(string? Name, string? Role, string? Phone, string? Email, string? Username);

/// <summary>
/// <c>how</c>: phone, email, in-person or letter. <c>assignee</c>: email or id of a caseworker of the
/// case's team (default: the case officer). <c>persons</c>: who or what the information names.
/// </summary>
public sealed record LogFamilyInformationRequest(
    ProvidedByInput? ProvidedBy, DateTimeOffset? ReceivedAt, string? How, string? Summary, string? Assignee,
    List<NamedPersonInput>? Persons);

public sealed record FamilyActionRequest(string? Action, string? Outcome);

/// <summary><c>respondedAt</c> defaults to now.</summary>
public sealed record FamilyResponseRequest(string? Response, DateTimeOffset? RespondedAt);

public static class FamilyLimits
{
    public const int Relationship = 100;
}
