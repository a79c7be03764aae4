namespace ReviewWorkflow.Web.SignOff.Pages;

/// <summary>A supervisor asks for a homicide referral (F3) through <see cref="Refer"/>, as <c>POST …/referral-request</c>.</summary>
[Authorize(Roles = $"{Roles.Supervisor},{Roles.Inspector}")]
public sealed class ReferralRequestModel(CaseProcedure cases, Refer refer) : CaseChangePage(cases)
{
    [BindProperty] public string? Rationale { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadCaseAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct) => !await LoadCaseAsync(id, ct) ? NotFound()
        : Answer(await refer.RunAsync(Context, Rationale, HttpContext.CurrentUser(), ct),
            () => ("Homicide referral requested: the referral step now applies.", $"/cases/{id}"));
}
