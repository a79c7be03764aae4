using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace ReviewWorkflow.Web.Infrastructure;

/// <summary>
/// Turns unreadable requests (malformed or mistyped JSON, unknown members, too large) into a 400
/// problem that names the offending JSON path; anything else becomes a 500 problem without details.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        // Pages show an error page to a person instead (UiSetup); only the API answers with problem details.
        if (!Ui.UiSetup.FailedInApi(context)) return false;
        var (status, title, detail, path) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } bad =>
                (bad.StatusCode, "The request body is not valid JSON for this endpoint", Describe(json), json.Path),
            BadHttpRequestException bad => (bad.StatusCode, "The request cannot be read", bad.Message, null),
            _ => (StatusCodes.Status500InternalServerError, "Something went wrong on our side", "The error has been logged.", null),
        };
        if (status >= 500) logger.LogError(exception, "Unhandled exception on {Path}", context.Request.Path);
        context.Response.StatusCode = status;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        if (path is not null)
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [path] = [detail] };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    // The reader's own message may quote the offending input at length; keep the path and the gist.
    private static string Describe(JsonException json)
    {
        var message = json.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        message = cut > 0 ? message[..cut] : message;
        return json.Path is { } p ? $"{p}: {message}" : message;
    }
}
