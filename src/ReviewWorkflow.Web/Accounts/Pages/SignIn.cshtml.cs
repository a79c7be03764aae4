using System.ComponentModel.DataAnnotations;

namespace ReviewWorkflow.Web.Accounts.Pages;

[AllowAnonymous]
public sealed class SignInModel(SignInManager<User> signIn) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter your email address"), MaxLength(256)]
    public string Email { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Enter your password"), MaxLength(256), DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        // Lockout on failure: repeated guesses lock the account (Identity options in ServiceSetup).
        var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(SafeReturnUrl);
        // One message for a wrong email and a wrong password, so the form does not confirm which accounts exist.
        Error = result.IsLockedOut
            ? "This account is locked after repeated failed sign-ins. Try again in 15 minutes or ask an administrator."
            : "The email or password is wrong.";
        return Page();
    }

    /// <summary>Only a path on this site: an open redirect would let a phishing link borrow our sign-in page.</summary>
    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) && !ReturnUrl!.StartsWith("/sign-", StringComparison.Ordinal) ? ReturnUrl : "/";
}
