namespace ReviewWorkflow.Web.Casework;

/// <summary>
/// An officer's open work handed to a named colleague of the team for a period (leave, a course),
/// in force once a supervisor approved it: My work, the first rung of escalation and four-eyes treat
/// the colleague as holding the officer's work from <see cref="StartsAt"/> until <see cref="EndsAt"/>.
/// Periods of one officer never overlap (an exclusion constraint, so two requests at once cannot both pass).
/// </summary>
public sealed class Handover
{
    public long Id { get; init; }
    public required string Team { get; init; }
    public required string FromId { get; init; }
    public required string FromName { get; init; }
    public required string ToId { get; init; }
    public required string ToName { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public required string Reason { get; init; }
    public required string RequestedById { get; init; }
    public required string RequestedByName { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
    public string? ApprovedById { get; set; }
    public string? ApprovedByName { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public uint Version { get; set; }

    public bool InForce(DateTimeOffset now) => ApprovedAt is not null && StartsAt <= now && now < EndsAt;
}
