using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReviewWorkflow.Web.Audit;
using ReviewWorkflow.Web.Notifications;
using ReviewWorkflow.Web.Steps;
using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Web.Data;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(UserLimits.Name);
        b.Property(u => u.Team).HasMaxLength(100);
        b.Property(u => u.Role).HasMaxLength(40);
    }
}

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> b)
    {
        b.ToTable("cases");
        b.HasKey(c => c.Id);
        b.Property(c => c.Version).IsRowVersion();
        b.HasIndex(c => c.Reference).IsUnique();
        b.HasIndex(c => new { c.Team, c.Status });
        b.HasIndex(c => c.OfficerId);
        // The reports measure the cases opened in a period.
        b.HasIndex(c => c.OpenedAt);
        b.Property(c => c.Reference).HasMaxLength(40);
        b.Property(c => c.WorkflowKey).HasMaxLength(100);
        b.Property(c => c.Team).HasMaxLength(100);
        b.Property(c => c.Classification).HasMaxLength(60);
        b.Property(c => c.DeceasedName).HasMaxLength(CaseLimits.Name);
        b.Property(c => c.DeceasedSex).HasMaxLength(20);
        b.Property(c => c.LocationDescription).HasMaxLength(CaseLimits.Description);
        b.Property(c => c.Circumstances).HasMaxLength(CaseLimits.Circumstances);
        b.HasMany(c => c.Persons).WithOne().HasForeignKey(p => p.CaseId);
        b.HasMany(c => c.Steps).WithOne().HasForeignKey(s => s.CaseId);
    }
}

internal sealed class CasePersonConfiguration : IEntityTypeConfiguration<CasePerson>
{
    public void Configure(EntityTypeBuilder<CasePerson> b)
    {
        b.ToTable("case_persons");
        b.Property(p => p.Name).HasMaxLength(CaseLimits.Name);
        b.Property(p => p.Role).HasMaxLength(40);
        b.Property(p => p.Phone).HasMaxLength(CaseLimits.Identifier);
        b.Property(p => p.Email).HasMaxLength(CaseLimits.Identifier);
        b.Property(p => p.Username).HasMaxLength(CaseLimits.Identifier);
    }
}

internal sealed class CaseStepConfiguration : IEntityTypeConfiguration<CaseStep>
{
    public void Configure(EntityTypeBuilder<CaseStep> b)
    {
        b.ToTable("case_steps");
        b.HasKey(s => new { s.CaseId, s.Key });
        b.Property(s => s.Key).HasMaxLength(100);
        b.Property(s => s.AssignedTo).HasMaxLength(UserLimits.Id);
        b.Property(s => s.Version).IsRowVersion();
        b.HasIndex(s => s.DueAt).HasFilter("state IN ('Blocked', 'Available', 'Returned')");
        // The escalation sweep reads only work with a rung to come, so its cost follows the overdue steps.
        b.HasIndex(s => s.NextEscalationAt).HasFilter("next_escalation_at IS NOT NULL");
        // The overdue board lists the pauses that stand: few rows among many.
        b.HasIndex(s => s.PausedUntil).HasFilter("paused_until IS NOT NULL");
    }
}

internal sealed class CaseActivityConfiguration : IEntityTypeConfiguration<CaseActivity>
{
    public void Configure(EntityTypeBuilder<CaseActivity> b)
    {
        b.ToTable("case_activities");
        b.HasIndex(a => new { a.CaseId, a.Id });
        // Returns at sign-off, for the reports: a few rows among millions, which a year of cases' ids would otherwise seek by scanning them all.
        b.HasIndex(a => a.CaseId, "ix_case_activities_returned").HasDatabaseName("ix_case_activities_returned").HasFilter("kind = 'Returned'");
        b.Property(a => a.StepKey).HasMaxLength(100);
        b.Property(a => a.FieldsJson).HasColumnType("jsonb");
        b.BelongsToCase(a => a.CaseId);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.ToTable("audit_events");
        b.HasKey(e => e.Sequence);
        b.Property(e => e.Sequence).ValueGeneratedNever();
        b.HasIndex(e => new { e.CaseId, e.Sequence });
        b.Property(e => e.Action).HasMaxLength(100);
        b.Property(e => e.PreviousHash).HasMaxLength(64);
        b.Property(e => e.Hash).HasMaxLength(64);
    }
}

internal sealed class PublishedWorkflowConfiguration : IEntityTypeConfiguration<PublishedWorkflow>
{
    public void Configure(EntityTypeBuilder<PublishedWorkflow> b)
    {
        b.ToTable("published_workflows");
        b.HasKey(w => new { w.Key, w.Version });
        b.Property(w => w.Key).HasMaxLength(100);
        b.Property(w => w.ContentHash).HasMaxLength(64);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox_messages");
        b.HasIndex(m => m.MessageId).IsUnique();
        // Delivery reads only what is still to send.
        b.HasIndex(m => m.NextAttemptAt).HasFilter("state = 'Pending'");
        b.Property(m => m.Kind).HasMaxLength(40);
        b.Property(m => m.Recipient).HasMaxLength(40);
        b.Property(m => m.Team).HasMaxLength(100);
        b.Property(m => m.Subject).HasMaxLength(300);
        b.Property(m => m.MessageId).HasMaxLength(200);
        b.Property(m => m.StepKey).HasMaxLength(100);
        b.HasIndex(m => new { m.State, m.CreatedAt });
    }
}
