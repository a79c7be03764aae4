using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using ReviewWorkflow.Web.Audit;
using ReviewWorkflow.Web.Escalation;
using ReviewWorkflow.Web.FamilyInformation;
using ReviewWorkflow.Web.Notifications;
using ReviewWorkflow.Web.Steps;
using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Web.Data;

public sealed class ReviewDb : IdentityDbContext<User>
{
    public ReviewDb(DbContextOptions<ReviewDb> options) : base(options)
    {
        // A failed save inside our transactions always abandons the whole transaction (a conflict is
        // answered 409, never retried within it), so EF's savepoint around each save buys nothing
        // and costs two round trips per save, two of them while the audit chain's lock is held.
        Database.AutoSavepointsEnabled = false;
    }

    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CasePerson> CasePersons => Set<CasePerson>();
    public DbSet<CaseStep> CaseSteps => Set<CaseStep>();
    public DbSet<CaseActivity> CaseActivities => Set<CaseActivity>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<PublishedWorkflow> PublishedWorkflows => Set<PublishedWorkflow>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<EscalationRecord> Escalations => Set<EscalationRecord>();
    public DbSet<FamilyInformationItem> FamilyInformationItems => Set<FamilyInformationItem>();
    public DbSet<FamilyInformationAction> FamilyInformationActions => Set<FamilyInformationAction>();
    public DbSet<Linkage.LinkageCandidate> LinkageCandidates => Set<Linkage.LinkageCandidate>();
    public DbSet<Linkage.PersonIdentifier> PersonIdentifiers => Set<Linkage.PersonIdentifier>();
    public DbSet<IssuedRefreshToken> RefreshTokens => Set<IssuedRefreshToken>();
    public DbSet<Casework.CaseNote> CaseNotes => Set<Casework.CaseNote>();
    public DbSet<Casework.DirectionResponse> DirectionResponses => Set<Casework.DirectionResponse>();
    public DbSet<Casework.DirectionDeadline> DirectionDeadlines => Set<Casework.DirectionDeadline>();
    public DbSet<Casework.Handover> Handovers => Set<Casework.Handover>();
    public DbSet<Casework.CaseDocument> CaseDocuments => Set<Casework.CaseDocument>();
    public DbSet<Casework.Exhibit> Exhibits => Set<Casework.Exhibit>();
    public DbSet<Casework.ExhibitMovement> ExhibitMovements => Set<Casework.ExhibitMovement>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ReviewDb).Assembly);
        builder.HasSequence<long>("case_reference_seq");
        builder.HasPostgresExtension("postgis"); // the linkage search: places as geography, GiST radius queries
        builder.HasPostgresExtension("btree_gist"); // ... with the time found in the same GiST index
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Enums as readable strings: the database is read by people (and auditors), not only by us.
        configuration.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }
}
