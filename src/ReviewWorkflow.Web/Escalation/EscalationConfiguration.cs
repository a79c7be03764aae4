using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReviewWorkflow.Web.Escalation;

internal sealed class EscalationConfiguration : IEntityTypeConfiguration<EscalationRecord>
{
    public void Configure(EntityTypeBuilder<EscalationRecord> b)
    {
        b.ToTable("escalations");
        // The guarantee "each level once" lives here, not in the sweep's care: two instances or a
        // retried job that both decide to escalate cannot both commit. Once per deadline: a pause
        // gives the work a new deadline, and its ladder runs again from level 1.
        b.HasIndex(e => new { e.CaseId, e.StepKey, e.ItemId, e.Level, e.DueAt }).IsUnique().AreNullsDistinct(false);
        b.Property(e => e.StepKey).HasMaxLength(100);
        b.Property(e => e.Notify).HasMaxLength(40);
        b.Property(e => e.MessageId).HasMaxLength(200);
        b.HasOne<Cases.Case>().WithMany().HasForeignKey(e => e.CaseId);
    }
}
