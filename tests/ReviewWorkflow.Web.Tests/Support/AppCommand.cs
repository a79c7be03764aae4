using System.Diagnostics;

namespace ReviewWorkflow.Web.Tests.Support;

/// <summary>An admin command of the app (<c>verify-audit</c>, <c>migrate</c>…) as an operator runs it: the real program, in its own process, on the database.</summary>
public static class AppCommand
{
    public static async Task<(int Code, string Output)> RunAsync(string connectionString, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ConnectionStrings__Default"] = connectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
