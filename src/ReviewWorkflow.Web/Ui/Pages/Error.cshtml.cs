using System.Diagnostics;

namespace ReviewWorkflow.Web.Ui.Pages;

/// <summary>What a person sees when something fails: a message and a reference for the log, never a stack trace.</summary>
[AllowAnonymous, IgnoreAntiforgeryToken, ResponseCache(NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }
    public string RequestId { get; private set; } = "";

    public void OnGet(int? status) => Describe(status);
    public void OnPost(int? status) => Describe(status);

    public string Heading => Status switch
    {
        400 => "The request could not be used",
        401 => "Sign in first",
        403 => "Not allowed",
        404 => "Page not found",
        405 => "Not possible here",
        413 => "Too much data",
        _ => "Something went wrong",
    };

    public string Message => Status switch
    {
        400 => "The form may have expired. Go back, reload the page and try again.",
        401 => "That address needs a signed-in user.",
        403 => "Your role does not give access to that.",
        404 => "There is no such page, or it belongs to a case you cannot see.",
        405 => "That action is not possible on this page.",
        413 => "The form sent more data than is accepted.",
        _ => "The error has been logged. Try again; if it happens again, tell your administrator and give the reference below.",
    };

    private void Describe(int? status)
    {
        Status = status ?? (Response.StatusCode >= 400 ? Response.StatusCode : 500);
        if (status is not null) Response.StatusCode = status.Value;
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
    }
}
