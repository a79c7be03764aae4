using Microsoft.AspNetCore.Diagnostics;

namespace ReviewWorkflow.Web.Ui;

/// <summary>
/// The server-rendered pages: Razor Pages kept in their feature folders (each page names its own
/// route with an absolute <c>@page "/..."</c>), signed in with the Identity cookie, while the API
/// keeps its bearer tokens, its 401s and its problem details.
/// </summary>
public static class UiSetup
{
    /// <summary>Pages authenticate with the cookie only, so a missing sign-in is a redirect to the sign-in page, not a bare 401.</summary>
    public const string PagePolicy = "pages";

    public const string SignInPath = "/sign-in";

    public static void AddReviewUi(this IServiceCollection services)
    {
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/";
            o.Conventions.AuthorizeFolder("/", PagePolicy);
        });
        // The documents page alone takes a file: up to the configured size, and the form around it.
        services.AddOptions<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>().Configure<Microsoft.Extensions.Options.IOptions<Casework.DocumentOptions>>(
            (o, documents) => o.Conventions.AddPageApplicationModelConvention("/Casework/Pages/Documents", m =>
            {
                m.EndpointMetadata.Add(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(documents.Value.MaxRequestBytes));
                m.EndpointMetadata.Add(new Microsoft.AspNetCore.Mvc.RequestFormLimitsAttribute { MultipartBodyLengthLimit = documents.Value.MaxRequestBytes });
            }));
        services.AddAuthorizationBuilder().AddPolicy(PagePolicy, p => p
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
            .RequireAuthenticatedUser());
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = SignInPath;
            o.LogoutPath = "/sign-out";
            o.AccessDeniedPath = "/access-denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8); // a shift
            o.SlidingExpiration = true;
            o.Cookie.Name = "rw.session";
            o.Cookie.HttpOnly = true;
            // Lax, not Strict: a link in an escalation email must open the case for a signed-in user.
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "rw.antiforgery";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__RequestVerificationToken";
        });
        // Names and places in any script are written as they are, not as numeric entities.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        // Static assets only (see UseReviewUi): the design systems' sheets and scripts shrink to a fifth.
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
            o.MimeTypes = ["text/css", "text/javascript", "application/javascript", "image/svg+xml"];
        });
        services.AddScoped<Steps.WorkList>();
        services.AddScoped<Cases.Pages.ICaseSection, Casework.Pages.CaseworkSection>();
    }

    /// <summary>Error pages for people, problem details for the API; security headers; static files before authentication; then routing.</summary>
    public static void UseReviewUi(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // The API's handler (ProblemExceptionHandler) answers /api requests; everything else gets the error page.
            ExceptionHandlingPath = "/error",
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseWhen(c => IsApi(c.Request), api => api.UseStatusCodePages());
        app.UseWhen(c => !IsApi(c.Request), pages => pages.UseStatusCodePagesWithReExecute("/error", "?status={0}"));
        app.UseMiddleware<SecurityHeaders>();
        // Compressed: files under wwwroot, which hold no secret; pages (with their anti-forgery tokens) are not,
        // so a compression side channel (BREACH) has nothing to read.
        app.UseWhen(c => IsStaticAsset(c.Request.Path), assets => assets.UseResponseCompression());
        app.UseStaticFiles();
        // Routing after the error handlers, so a re-executed request (/error) is routed again to its page.
        app.UseRouting();
    }

    public static void MapReviewUi(this WebApplication app) => app.MapRazorPages();

    private static bool IsStaticAsset(PathString path) =>
        path.StartsWithSegments("/lib") || path.StartsWithSegments("/css") || path.StartsWithSegments("/js") || path == "/favicon.svg";

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    /// <summary>Whether the request that failed was for the API (the exception handler has already moved the path to /error).</summary>
    public static bool FailedInApi(HttpContext context) =>
        new PathString(context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value).StartsWithSegments("/api");

    /// <summary>The signed-in user of a page (pages require one, so it is never missing there).</summary>
    public static CurrentUser CurrentUser(this HttpContext context) =>
        Accounts.CurrentUser.From(context.User) ?? throw new InvalidOperationException("A signed-in user is required.");
}
