namespace ReviewWorkflow.Web.Steps.Pages;

public sealed class MyWorkModel(WorkList work, TimeProvider clock) : PageModel
{
    public WorkListPage Work { get; private set; } = new([], 0, 0);
    public IReadOnlyList<WorkItem> Items => Work.Items;
    public DateTimeOffset Now { get; private set; }
    public string Role { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = HttpContext.CurrentUser();
        // Administrators do no casework; their start page is the administration.
        if (user.Role == Roles.Admin) return Redirect("/admin");
        Role = user.Role;
        Now = clock.GetUtcNow();
        Work = await work.ForAsync(user, Now, ct);
        return Page();
    }
}
