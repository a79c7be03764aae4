using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Web.Steps;

namespace ReviewWorkflow.Web.Cases;

/// <summary>
/// An unexplained death under review. Facts can only grow (PATCH adds); decisions live in the
/// activity log, and <see cref="Version"/> (PostgreSQL xmin) makes every command on a case
/// conflict with a concurrent one instead of silently overwriting it.
/// </summary>
public sealed class Case
{
    public Guid Id { get; init; }
    public required string Reference { get; init; }
    public required string WorkflowKey { get; set; }
    public required int WorkflowVersion { get; set; }
    public required string Team { get; set; }
    public required string OfficerId { get; set; }
    public required DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public CaseStatus Status { get; private set; } = CaseStatus.Open;
    public DateTimeOffset? ClosedAt { get; private set; }
    public required string Classification { get => classification; init => classification = value; }
    private string classification = "";
    /// <summary>A closed case back on the supervisors' review list: information arrived after closure.</summary>
    public bool NeedsReview { get; private set; }
    public bool ReferralRequested { get; private set; }
    public string? Owner { get; private set; }

    public required string DeceasedName { get; set; }
    public int? DeceasedAgeYears { get; set; }
    public required string DeceasedSex { get; set; }
    public required DateTimeOffset FoundAt { get; set; }
    public required string LocationDescription { get; set; }
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    /// <summary>Where the death was found, as PostGIS geography; computed by the database from latitude and longitude.</summary>
    public NetTopologySuite.Geometries.Point? Place { get; private set; }
    public required string Circumstances { get; set; }
    public List<string> Substances { get; set; } = [];
    public List<string> Markers { get; set; } = [];
    /// <summary>Substances as linkage families (see Linkage/); kept in step with <see cref="Substances"/> by the linkage check.</summary>
    public List<string> SubstanceFamilies { get; set; } = [];
    public List<CasePerson> Persons { get; set; } = [];
    public List<CaseStep> Steps { get; set; } = [];

    public uint Version { get; set; }

    /// <summary>What an event of the engine changes on the case itself (the rest is in the activity log).</summary>
    public void Apply(CaseEvent e, DateTimeOffset at)
    {
        switch (e)
        {
            case CaseClassified k:
                classification = k.To;
                break;
            case CaseClosed:
                Status = CaseStatus.Closed;
                ClosedAt = at;
                break;
            case CaseOwnerChanged o:
                Owner = o.Owner;
                break;
            case ReviewWorkflow.Engine.Commands.ReferralRequested:
                ReferralRequested = true;
                break;
        }
    }

    /// <summary>Information after closure is exactly what was ignored before: back on the review list (an open case is reviewed anyway).</summary>
    public void MarkForReview()
    {
        if (Status == CaseStatus.Closed) NeedsReview = true;
    }

    /// <summary>One reason for review was dealt with: the case stays on the list while any other remains (<see cref="CaseReview"/>).</summary>
    public void ReconsiderReview(bool reasonsRemain)
    {
        if (NeedsReview) NeedsReview = reasonsRemain;
    }
}

public enum CaseStatus { Open, Closed }
