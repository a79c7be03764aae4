using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReviewWorkflow.Web.FamilyInformation;

internal sealed class FamilyInformationItemConfiguration : IEntityTypeConfiguration<FamilyInformationItem>
{
    public void Configure(EntityTypeBuilder<FamilyInformationItem> b)
    {
        b.ToTable("family_information_items");
        b.BelongsToCase(i => i.CaseId);
        // Two officers logging at once cannot both take the same number (the loser gets a 409).
        b.HasIndex(i => new { i.CaseId, i.Number }).IsUnique();
        // The escalation sweep reads open items past their deadline, as it reads open steps:
        // its cost follows the number of overdue items, not the size of the register.
        b.HasIndex(i => i.DueAt).HasFilter("state = 'Open'");
        b.HasIndex(i => i.NextEscalationAt).HasFilter("next_escalation_at IS NOT NULL");
        b.Ignore(i => i.Reference);
        b.Ignore(i => i.ProvidedByLabel);
        b.Property(i => i.ProvidedByName).HasMaxLength(CaseLimits.Name);
        b.Property(i => i.ProvidedByRelationship).HasMaxLength(FamilyLimits.Relationship);
        b.Property(i => i.ProvidedByContact).HasMaxLength(CaseLimits.Identifier);
        b.Property(i => i.Summary).HasMaxLength(CaseLimits.Rationale);
        b.Property(i => i.NamedPersonsJson).HasColumnType("jsonb");
        b.Property(i => i.AssigneeId).HasMaxLength(UserLimits.Id);
        b.HasUser(i => i.LoggedById, i => i.LoggedByName);
        b.Property(i => i.Response).HasMaxLength(CaseLimits.Rationale);
        b.HasUser(i => i.RespondedById, i => i.RespondedByName);
        b.HasMany(i => i.Actions).WithOne().HasForeignKey(a => a.ItemId);
    }
}

internal sealed class FamilyInformationActionConfiguration : IEntityTypeConfiguration<FamilyInformationAction>
{
    public void Configure(EntityTypeBuilder<FamilyInformationAction> b)
    {
        b.ToTable("family_information_actions");
        b.HasIndex(a => new { a.ItemId, a.Id });
        b.BelongsToCase(a => a.CaseId);
        b.Property(a => a.Action).HasMaxLength(CaseLimits.Rationale);
        b.Property(a => a.Outcome).HasMaxLength(CaseLimits.Rationale);
        b.HasUser(a => a.ById, a => a.ByName);
    }
}
