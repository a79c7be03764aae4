namespace ReviewWorkflow.Web.FamilyInformation;

/// <summary>
/// One piece of information from a family member or friend (F5, F9: the sisters' and friends' leads
/// that were never followed). It has its own deadline from receipt and an assignee; the work done on
/// it is appended as <see cref="FamilyInformationAction"/>s; only a recorded answer to the person who
/// gave it closes it. Concurrency: every change goes through the case row (CaseProcedure).
/// </summary>
public sealed class FamilyInformationItem
{
    public long Id { get; init; }
    public Guid CaseId { get; init; }
    /// <summary>Numbered per case from 1, so an officer can say "FI-3" on the phone.</summary>
    public int Number { get; init; }
    public required string ProvidedByName { get; init; }
    public required string ProvidedByRelationship { get; init; }
    public string? ProvidedByContact { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public HowReceived? How { get; init; }
    public required string Summary { get; init; }
    /// <summary>Persons and identifiers the item names, as given (they are also added to the case's persons).</summary>
    public required string NamedPersonsJson { get; init; }
    public required DateTimeOffset DueAt { get; init; }
    public required string AssigneeId { get; set; }
    public FamilyItemState State { get; set; } = FamilyItemState.Open;
    /// <summary>When the escalation sweep should next look at this item: its deadline when logged, then as the sweep sets it; null once answered.</summary>
    public DateTimeOffset? NextEscalationAt { get; set; }
    public required DateTimeOffset LoggedAt { get; init; }
    public required string LoggedById { get; init; }
    public required string LoggedByName { get; init; }

    public string? Response { get; set; }
    public DateTimeOffset? RespondedAt { get; set; }
    public string? RespondedById { get; set; }
    public string? RespondedByName { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    public List<FamilyInformationAction> Actions { get; init; } = [];

    public string Reference => ReferenceFor(Number);

    public static string ReferenceFor(int number) => $"FI-{number}";

    /// <summary>How the checklist names who gave it: "Dana Dunn (sister)".</summary>
    public string ProvidedByLabel => $"{ProvidedByName} ({ProvidedByRelationship})";
}

/// <summary>What was done about an item and what came of it. Append-only (enforced by a trigger): never corrected, only added to.</summary>
public sealed class FamilyInformationAction
{
    public long Id { get; init; }
    public long ItemId { get; init; }
    public Guid CaseId { get; init; }
    public required string Action { get; init; }
    public required string Outcome { get; init; }
    public required string ById { get; init; }
    public required string ByName { get; init; }
    public required DateTimeOffset At { get; init; }
}

public enum FamilyItemState { Open, Closed }

public enum HowReceived { Phone, Email, InPerson, Letter }
