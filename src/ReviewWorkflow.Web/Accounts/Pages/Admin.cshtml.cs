using ReviewWorkflow.Web.Audit;

namespace ReviewWorkflow.Web.Accounts.Pages;

public sealed record TeamSummary(string Team, int Users, int OpenCases);

/// <summary>Users and teams. A team is the name on its members' accounts; it scopes which cases they see.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class AdminModel(ReviewDb db, UserManager<User> users, AuditTrail audit, UserAdministration administration, TimeProvider clock) : PageModel
{
    public DateTimeOffset Now => clock.GetUtcNow();

    public IReadOnlyList<UserDto> Users { get; private set; } = [];
    public IReadOnlyList<TeamSummary> Teams { get; private set; } = [];

    [BindProperty] public NewUser Input { get; set; } = new();
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var request = new CreateUserRequest(Input.Email?.Trim(), Input.DisplayName, Input.Password, Input.Role, Input.Team);
        var (user, errors) = await UserCreation.CreateAsync(request, users, db, audit, HttpContext.CurrentUser(), ct);
        if (user is null)
        {
            Errors = errors;
            await LoadAsync(ct);
            return Page();
        }
        TempData["Done"] = $"Account {user.Email} created ({user.Role}, team {user.Team}).";
        return Redirect("/admin");
    }

    public Task<IActionResult> OnPostDeactivateAsync(string userId, CancellationToken ct) =>
        AfterAsync(userId, administration.DeactivateAsync(userId, HttpContext.CurrentUser(), ct), "deactivated; its sessions have ended");

    public Task<IActionResult> OnPostReactivateAsync(string userId, CancellationToken ct) =>
        AfterAsync(userId, administration.ReactivateAsync(userId, HttpContext.CurrentUser(), ct), "reactivated");

    public Task<IActionResult> OnPostUnlockAsync(string userId, CancellationToken ct) =>
        AfterAsync(userId, administration.UnlockAsync(userId, HttpContext.CurrentUser(), ct), "unlocked");

    public Task<IActionResult> OnPostChangeAsync(string userId, string? role, string? team, CancellationToken ct) =>
        AfterAsync(userId, administration.ChangeAsync(userId, new ChangeUserRequest(role, team), HttpContext.CurrentUser(), ct), "changed; its sessions have ended");

    /// <summary>
    /// Back to the list, saying what happened; a refusal goes to the error summary at the top, linked to the
    /// account's row (or to its role or team field when one of those was wrong).
    /// </summary>
    private async Task<IActionResult> AfterAsync(string userId, Task<AccountChange> change, string done)
    {
        switch (await change)
        {
            case AccountChange.Done d:
                TempData["Done"] = $"Account {d.User.Email} {done} ({d.User.Role}, team {d.User.Team}).";
                return Redirect("/admin");
            case AccountChange.NotFound:
                return NotFound();
            case AccountChange.Refused r:
                TempData["Failed"] = r.Reason;
                TempData["FailedField"] = $"user-{userId}";
                return Redirect("/admin");
            case AccountChange.Invalid i:
                TempData["Failed"] = string.Join("; ", i.Errors.Select(e => $"{FieldLabel(e.Key)}: {string.Join(", ", e.Value)}"));
                TempData["FailedField"] = i.Errors.Keys.FirstOrDefault(k => k is "role" or "team") is { } key ? $"{key}-{userId}" : $"user-{userId}";
                return Redirect("/admin");
            default:
                throw new InvalidOperationException("unknown outcome");
        }
    }

    /// <summary>The element id of the new-account field a creation error is about.</summary>
    public static string FieldId(string key) => key == "displayName" ? "display-name" : key;

    public static string FieldLabel(string key) => key switch
    {
        "displayName" => "Name",
        "password" => "First password",
        _ => Display.Words(key),
    };

    public string? Error(string key) => Errors.TryGetValue(key, out var m) ? string.Join("; ", m) : null;

    private async Task LoadAsync(CancellationToken ct)
    {
        Users = await db.Users.AsNoTracking().OrderBy(u => u.Team).ThenBy(u => u.Role).ThenBy(u => u.Email)
            .Select(u => new UserDto(u.Id, u.Email!, u.DisplayName, u.Role, u.Team, !u.Deactivated, u.LockoutEnd)).ToListAsync(ct);
        var open = await db.Cases.AsNoTracking().Where(c => c.Status == CaseStatus.Open).GroupBy(c => c.Team)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        Teams = Users.GroupBy(u => u.Team).Select(g => new TeamSummary(g.Key, g.Count(), open.GetValueOrDefault(g.Key)))
            .Concat(open.Keys.Where(t => Users.All(u => u.Team != t)).Select(t => new TeamSummary(t, 0, open[t])))
            .OrderBy(t => t.Team, StringComparer.Ordinal).ToList();
    }
}

public sealed class NewUser
{
    public string? Email { get; set; }
    public string? DisplayName { get; set; }
    public string? Password { get; set; }
    public string? Role { get; set; }
    public string? Team { get; set; }
}
