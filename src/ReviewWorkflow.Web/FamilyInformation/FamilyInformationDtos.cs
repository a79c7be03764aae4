using System.Text.Json;

namespace ReviewWorkflow.Web.FamilyInformation;

public sealed record ProvidedByDto(string Name, string Relationship, string? Contact);

public sealed record FamilyActionDto(long Id, string Action, string Outcome, UserRefDto By, DateTimeOffset At);

public sealed record FamilyResponseDto(string Response, DateTimeOffset RespondedAt, UserRefDto By);

/// <summary>One register item as the API and the register page show it.</summary>
public sealed record FamilyItemDto(
    long Id, string Reference, Guid CaseId, ProvidedByDto ProvidedBy, DateTimeOffset ReceivedAt, string? How, string Summary,
    IReadOnlyList<NamedPersonDto> Persons, string State, DateTimeOffset DueAt, bool Overdue, UserRefDto Assignee,
    UserRefDto LoggedBy, DateTimeOffset LoggedAt, IReadOnlyList<FamilyActionDto> Actions, FamilyResponseDto? Response,
    DateTimeOffset? ClosedAt);

public sealed record NamedPersonDto(string? Name, string? Role, string? Phone, string? Email, string? Username);

public sealed record FamilyRegisterDto(IReadOnlyList<FamilyItemDto> Items, int Open, int Overdue);

public static class FamilyItemMapping
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string PersonsJson(IEnumerable<NamedPersonInput>? persons) =>
        JsonSerializer.Serialize(
            (persons ?? []).Select(p => new NamedPersonDto(Blank(p.Name), p.Role, Blank(p.Phone), Blank(p.Email), Blank(p.Username))).ToList(), Json);

    /// <summary>The item, its assignee being whoever holds it now (<paramref name="holders"/>: the cover of a handover in force while it is open).</summary>
    public static FamilyItemDto ToDto(this FamilyInformationItem i, Casework.WorkHolders holders, DateTimeOffset now)
    {
        var open = i.State == FamilyItemState.Open;
        return new FamilyItemDto(
            i.Id, i.Reference, i.CaseId, new ProvidedByDto(i.ProvidedByName, i.ProvidedByRelationship, i.ProvidedByContact),
            i.ReceivedAt, i.How?.Wire(), i.Summary,
            JsonSerializer.Deserialize<List<NamedPersonDto>>(i.NamedPersonsJson, Json) ?? [],
            open ? "open" : "closed", i.DueAt, open && i.DueAt < now, holders.Holder(i.AssigneeId, open),
            new UserRefDto(i.LoggedById, i.LoggedByName), i.LoggedAt,
            i.Actions.OrderBy(a => a.Id).Select(a => new FamilyActionDto(a.Id, a.Action, a.Outcome, new UserRefDto(a.ById, a.ByName), a.At)).ToList(),
            i.Response is { } text && i.RespondedAt is { } at
                ? new FamilyResponseDto(text, at, new UserRefDto(i.RespondedById ?? "", i.RespondedByName ?? ""))
                : null,
            i.ClosedAt);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
