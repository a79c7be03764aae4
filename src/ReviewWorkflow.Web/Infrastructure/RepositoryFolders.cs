namespace ReviewWorkflow.Web;

/// <summary>Finds a top-level folder of the repository (workflows/, seeds/) from wherever the app runs.</summary>
public static class RepositoryFolders
{
    public static string? Find(string name, params string[] startingPoints)
    {
        foreach (var start in startingPoints.Append(AppContext.BaseDirectory).Append(Directory.GetCurrentDirectory()))
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, name);
                if (Directory.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
