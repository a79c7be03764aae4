using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReviewWorkflow.Web.Casework;

internal sealed class CaseNoteConfiguration : IEntityTypeConfiguration<CaseNote>
{
    public void Configure(EntityTypeBuilder<CaseNote> b)
    {
        b.ToTable("case_notes");
        b.BelongsToCase(n => n.CaseId);
        // Two writers at once cannot both take the same number (the loser gets a 409).
        b.HasIndex(n => new { n.CaseId, n.Number }).IsUnique();
        // My work reads open directions by assignee.
        b.HasIndex(n => n.AssigneeId).HasFilter("assignee_id IS NOT NULL");
        b.Ignore(n => n.Reference);
        b.Property(n => n.Text).HasMaxLength(CaseLimits.Rationale);
        b.HasUser(n => n.AuthorId, n => n.AuthorName);
        b.Property(n => n.AssigneeId).HasMaxLength(UserLimits.Id);
    }
}

internal sealed class DirectionResponseConfiguration : IEntityTypeConfiguration<DirectionResponse>
{
    public void Configure(EntityTypeBuilder<DirectionResponse> b)
    {
        b.ToTable("direction_responses");
        b.BelongsToCase(r => r.CaseId);
        b.HasOne<CaseNote>().WithMany().HasForeignKey(r => r.NoteId);
        // One response closes a direction: of two racing answers the second is a conflict.
        b.HasIndex(r => r.NoteId).IsUnique();
        b.Property(r => r.Text).HasMaxLength(CaseLimits.Rationale);
        b.HasUser(r => r.ById, r => r.ByName);
    }
}

internal sealed class CaseDocumentConfiguration : IEntityTypeConfiguration<CaseDocument>
{
    public void Configure(EntityTypeBuilder<CaseDocument> b)
    {
        b.ToTable("case_documents");
        b.BelongsToCase(d => d.CaseId);
        b.HasIndex(d => new { d.CaseId, d.UploadedAt });
        // A version is superseded once: of two racing new versions the second is a conflict.
        b.HasIndex(d => d.SupersedesId).IsUnique().HasFilter("supersedes_id IS NOT NULL");
        b.HasOne<CaseDocument>().WithMany().HasForeignKey(d => d.SupersedesId);
        b.HasOne<FamilyInformation.FamilyInformationItem>().WithMany().HasForeignKey(d => d.ItemId);
        b.Property(d => d.StepKey).HasMaxLength(100);
        b.Property(d => d.FileName).HasMaxLength(CasefileLimits.FileName);
        b.Property(d => d.ContentType).HasMaxLength(120);
        b.Property(d => d.Sha256).HasMaxLength(64).IsFixedLength();
        b.Property(d => d.Description).HasMaxLength(CaseLimits.Description);
        b.HasUser(d => d.UploadedById, d => d.UploadedByName);
    }
}

internal sealed class ExhibitConfiguration : IEntityTypeConfiguration<Exhibit>
{
    public void Configure(EntityTypeBuilder<Exhibit> b)
    {
        b.ToTable("exhibits");
        b.BelongsToCase(e => e.CaseId);
        b.HasIndex(e => new { e.CaseId, e.Reference }).IsUnique();
        b.Property(e => e.Reference).HasMaxLength(CasefileLimits.Reference);
        b.Property(e => e.Description).HasMaxLength(CaseLimits.Description);
        b.Property(e => e.SeizedBy).HasMaxLength(CaseLimits.Name);
        b.Property(e => e.SeizedWhere).HasMaxLength(CaseLimits.Description);
        b.Property(e => e.StorageLocation).HasMaxLength(CaseLimits.Description);
        b.HasUser(e => e.RecordedById, e => e.RecordedByName);
    }
}

internal sealed class ExhibitMovementConfiguration : IEntityTypeConfiguration<ExhibitMovement>
{
    public void Configure(EntityTypeBuilder<ExhibitMovement> b)
    {
        b.ToTable("exhibit_movements");
        b.BelongsToCase(m => m.CaseId);
        b.HasOne<Exhibit>().WithMany().HasForeignKey(m => m.ExhibitId);
        b.HasIndex(m => new { m.ExhibitId, m.At });
        b.Property(m => m.FromLocation).HasMaxLength(CaseLimits.Description);
        b.Property(m => m.ToLocation).HasMaxLength(CaseLimits.Description);
        b.Property(m => m.HandledBy).HasMaxLength(CaseLimits.Name);
        b.Property(m => m.Reason).HasMaxLength(CaseLimits.Description);
        b.HasUser(m => m.RecordedById, m => m.RecordedByName);
    }
}

internal sealed class DirectionDeadlineConfiguration : IEntityTypeConfiguration<DirectionDeadline>
{
    public void Configure(EntityTypeBuilder<DirectionDeadline> b)
    {
        b.ToTable("direction_deadlines");
        b.HasKey(d => d.NoteId);
        b.HasOne(d => d.Note).WithOne().HasForeignKey<DirectionDeadline>(d => d.NoteId);
        b.BelongsToCase(d => d.CaseId);
        // The sweep reads only what is due: the index holds directions still escalating.
        b.HasIndex(d => d.NextEscalationAt).HasFilter("next_escalation_at IS NOT NULL");
    }
}

internal sealed class HandoverConfiguration : IEntityTypeConfiguration<Handover>
{
    public void Configure(EntityTypeBuilder<Handover> b)
    {
        b.ToTable("handovers");
        b.Property(h => h.Version).IsRowVersion();
        // My work and the mail resolver ask "who covers for whom now".
        b.HasIndex(h => new { h.ToId, h.EndsAt });
        b.HasIndex(h => new { h.FromId, h.EndsAt });
        b.Property(h => h.Team).HasMaxLength(100);
        b.HasUser(h => h.FromId, h => h.FromName);
        b.HasUser(h => h.ToId, h => h.ToName);
        b.Property(h => h.Reason).HasMaxLength(CaseLimits.Rationale);
        b.HasUser(h => h.RequestedById, h => h.RequestedByName);
        b.HasUser(h => h.ApprovedById, h => h.ApprovedByName);
    }
}
