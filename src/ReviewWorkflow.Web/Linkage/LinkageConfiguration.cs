using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReviewWorkflow.Web.Linkage;

/// <summary>
/// The linkage columns and indexes of <c>cases</c> (applied in addition to CaseConfiguration): the
/// place as PostGIS geography in a GiST index with the time found, and partial indexes over the
/// deaths with a rare drug (by time, and by place) for the rare-substance search.
/// </summary>
public sealed class CaseLinkageConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> b)
    {
        // Computed by the database, so the point can never disagree with the coordinates, whoever writes them (COPY included).
        b.Property(c => c.Place).HasColumnType("geography (Point, 4326)")
            .HasComputedColumnSql("(ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography)", stored: true);
        // Place and time in one GiST index (btree_gist), so a search box reads only the deaths in both.
        b.HasIndex(c => new { c.Place, c.FoundAt }).HasMethod("gist");
        b.Property(c => c.SubstanceFamilies).HasDefaultValueSql("'{}'::text[]");
        b.HasIndex(c => c.FoundAt);
        // Deaths with a rare drug are searched nationwide by time, and near by place: small partial indexes.
        b.HasIndex(c => c.FoundAt, "ix_cases_rare_found_at").HasDatabaseName("ix_cases_rare_found_at").HasFilter(RareFilter);
        b.HasIndex(c => c.Place, "ix_cases_rare_place").HasDatabaseName("ix_cases_rare_place").HasMethod("gist").HasFilter(RareFilter);
    }

    /// <summary>
    /// The predicate of the rare-drug partial indexes; queries repeat it word for word so the
    /// planner can use them. Changing the catalogue's rare families needs a migration (until then
    /// the search falls back to the families' GIN index: slower, never wrong).
    /// </summary>
    public static string RareFilter { get; } =
        "substance_families && ARRAY[" + string.Join(", ", Engine.Linkage.SubstanceCatalog.RareFamilies.Select(f => $"'{f}'")) + "]::text[]";
}

internal sealed class LinkageCandidateConfiguration : IEntityTypeConfiguration<LinkageCandidate>
{
    public void Configure(EntityTypeBuilder<LinkageCandidate> b)
    {
        b.ToTable("linkage_candidates");
        b.HasIndex(x => new { x.CaseId, x.CandidateCaseId }).IsUnique();
        b.HasIndex(x => x.CaseId).HasFilter("decision IS NULL").HasDatabaseName("ix_linkage_candidates_undecided");
        b.BelongsToCase(x => x.CaseId);
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CandidateCaseId);
        b.Property(x => x.ReasonsJson).HasColumnType("jsonb");
        b.Property(x => x.Decision).HasMaxLength(20);
        b.Property(x => x.Rationale).HasMaxLength(CaseLimits.Rationale);
        b.HasUser(x => x.DecidedBy, x => x.DecidedByName);
    }
}

internal sealed class PersonIdentifierConfiguration : IEntityTypeConfiguration<PersonIdentifier>
{
    public void Configure(EntityTypeBuilder<PersonIdentifier> b)
    {
        b.ToTable("linkage_identifiers");
        b.HasIndex(x => new { x.Kind, x.Value, x.Id });
        b.HasIndex(x => x.CaseId);
        b.BelongsToCase(x => x.CaseId);
        b.Property(x => x.Kind).HasMaxLength(20);
        b.Property(x => x.Value).HasMaxLength(CaseLimits.Identifier);
        b.Property(x => x.Role).HasMaxLength(40);
        b.Property(x => x.PersonKey).HasMaxLength(40);
        b.Property(x => x.Label).HasMaxLength(20);
    }
}
