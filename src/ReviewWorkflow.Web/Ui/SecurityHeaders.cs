namespace ReviewWorkflow.Web.Ui;

/// <summary>
/// Headers that stop the pages being framed (clickjacking a sign-off), sniffed into scripts, or
/// made to run injected script: no inline script or style is allowed, so every script is a file
/// under wwwroot. The Hangfire dashboard and the API reference bring their own inline code and keep
/// every header but the content policy.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/hangfire") && !path.StartsWithSegments("/scalar"))
            headers.ContentSecurityPolicy = ContentPolicy;
        return next(context);
    }
}
