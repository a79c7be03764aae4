namespace ReviewWorkflow.Engine;

/// <summary>
/// The casework roles, most junior first. A higher role may do a lower role's step (a supervisor
/// can complete an officer's task); admin does no casework.
/// </summary>
public static class Roles
{
    public const string Officer = "officer";
    public const string Supervisor = "supervisor";
    public const string Inspector = "inspector";
    public const string Admin = "admin";

    public static IReadOnlyList<string> Casework { get; } = [Officer, Supervisor, Inspector];

    public static IReadOnlyList<string> All { get; } = [Officer, Supervisor, Inspector, Admin];

    public static bool Satisfies(string actorRole, string requiredRole)
    {
        var have = IndexOf(actorRole);
        var need = IndexOf(requiredRole);
        return have >= 0 && need >= 0 && have >= need;
    }

    private static int IndexOf(string role) => role switch { Officer => 0, Supervisor => 1, Inspector => 2, _ => -1 };
}
