using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReviewWorkflow.Web.Data;

/// <summary>What many tables share: rows that belong to a case, and users named beside what they did.</summary>
internal static class EntityConfigurationExtensions
{
    /// <summary>A row of a case (a note, an exhibit, an item): a foreign key to the case, which has no list of them.</summary>
    public static void BelongsToCase<T>(this EntityTypeBuilder<T> b, Expression<Func<T, object?>> caseId) where T : class =>
        b.HasOne<Case>().WithMany().HasForeignKey(caseId);

    /// <summary>
    /// A user recorded beside what they did: the id, and the name as it was then, so the record reads
    /// the same after the user is renamed.
    /// </summary>
    public static void HasUser<T>(this EntityTypeBuilder<T> b, Expression<Func<T, string?>> id, Expression<Func<T, string?>> name) where T : class
    {
        b.Property(id).HasMaxLength(UserLimits.Id);
        b.Property(name).HasMaxLength(UserLimits.Name);
    }
}
