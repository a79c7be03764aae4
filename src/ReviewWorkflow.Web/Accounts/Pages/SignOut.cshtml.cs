namespace ReviewWorkflow.Web.Accounts.Pages;

/// <summary>Sign-out is a POST with the anti-forgery token: a link or image elsewhere cannot sign anyone out.</summary>
[AllowAnonymous]
public sealed class SignOutModel(SignInManager<User> signIn) : PageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        await signIn.SignOutAsync();
        TempData["Done"] = "You have signed out.";
        return LocalRedirect(Ui.UiSetup.SignInPath);
    }
}
