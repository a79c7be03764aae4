using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ReviewWorkflow.Web.Data;

public static class TrackedEntries
{
    /// <summary>
    /// The entries of a type the context tracks, as they stand. <see cref="ChangeTracker.Entries{TEntity}()"/> first scans
    /// every tracked row for changes (while changes are detected automatically): work a question about which rows are
    /// tracked does not need, and which a case's load paid for on every command.
    /// </summary>
    public static List<EntityEntry<T>> Tracked<T>(this ChangeTracker tracker) where T : class
    {
        var detecting = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return [.. tracker.Entries<T>()];
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detecting;
        }
    }
}
