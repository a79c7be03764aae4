namespace ReviewWorkflow.Web.Cases;

// Every member is nullable so a missing value reaches our validation (and gets a precise
// message naming the field) instead of failing inside the JSON reader.
public sealed record DeceasedInput(string? Name, int? AgeYears, string? Sex);

public sealed record LocationInput(string? Description, double? Latitude, double? Longitude);

public sealed record PersonInput(string? Name, string? Role, string? Phone, string? Email, string? Username);

public sealed record CreateCaseRequest(
    DeceasedInput? Deceased,
    DateTimeOffset? FoundAt,
    LocationInput? Location,
    string? Circumstances,
    List<string>? Substances,
    List<string>? Markers,
    List<PersonInput>? Persons,
    [property: System.ComponentModel.Description(
        "Key of the workflow the case starts on, at its latest version (see GET /api/workflows): 'unexplained-death' (the full procedure, "
        + "the default) or 'expected-death' (the proportionate route for a death a doctor expected). An unknown key is a 400 naming 'workflow'.")]
    string? Workflow);

/// <summary>
/// Facts learnt later: substances, markers and persons are added, never removed; the deceased's name is
/// given once, when a death recorded as "unknown" is identified; a place is corrected (the old one
/// stays in the audit trail).
/// </summary>
public sealed record PatchCaseRequest(List<string>? Substances, List<string>? Markers, List<PersonInput>? Persons,
    DeceasedInput? Deceased = null, LocationInput? Location = null);

public sealed record CompleteStepRequest(Dictionary<string, System.Text.Json.JsonElement>? Fields, string? Note);

public sealed record SignOffRequest(string? Decision, string? Rationale, List<string>? ReturnSteps);

public sealed record ClassificationRequest(string? Category, string? Rationale);

public sealed record CloseRequest(string? Rationale);
