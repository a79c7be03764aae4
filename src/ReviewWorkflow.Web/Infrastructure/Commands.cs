using ReviewWorkflow.Web.Audit;
using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Web.Infrastructure;

/// <summary><c>validate FOLDER</c>: checks workflow definitions without starting anything.</summary>
public static class ValidateCommand
{
    public static int Run(string[] args)
    {
        var folder = args.FirstOrDefault() ?? "workflows";
        if (!Directory.Exists(folder))
        {
            Console.Error.WriteLine($"{folder}: no such folder");
            return 2;
        }
        var errors = WorkflowFiles.Validate(folder);
        foreach (var e in errors) Console.WriteLine(e with { File = Path.Combine(folder, e.File) });
        Console.WriteLine(errors.Count == 0 ? $"{folder}: all definitions are valid" : $"{errors.Count} error(s)");
        return errors.Count == 0 ? 0 : 1;
    }
}

/// <summary><c>verify-audit</c>: walks the audit chain of the configured database and reports the first broken link.</summary>
public static class VerifyAuditCommand
{
    public static async Task<int> RunAsync(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var result = await AuditVerifier.VerifyAsync(scope.ServiceProvider.GetRequiredService<ReviewDb>());
        Console.WriteLine(result.Valid
            ? $"audit trail valid: {result.Events} events"
            : $"audit trail BROKEN at event {result.FirstBrokenEventId}: {result.Problem}");
        return result.Valid ? 0 : 1;
    }
}
