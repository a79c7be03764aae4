using System.Net.Http.Json;
using Microsoft.Playwright;
using ReviewWorkflow.BrowserTests.Support;
using Microsoft.Extensions.DependencyInjection;
using ReviewWorkflow.Web.Notifications;
using ReviewWorkflow.Web.Workflows;
using ReviewWorkflow.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ReviewWorkflow.BrowserTests;

/// <summary>What supervisors, inspectors and administrators watch and manage, in the browser.</summary>
public sealed class OversightTests(BrowserApp app, Chromium chromium) : BrowserTest(app, chromium), IClassFixture<BrowserApp>, IClassFixture<Chromium>
{
    [Fact]
    public async Task OverdueBoardShowsLateStepsByTeamAndLevelWithATrendChart()
    {
        var (eastId, eastRef) = await Casework.NewCaseAsync(await App.OfficerAsync(), "Anthony Walgate");
        var (_, westRef) = await Casework.NewCaseAsync(await App.WestOfficerAsync(), "Jack Taylor");
        // The initial report is due 4 h after opening: 20 h on it is 16 h late, past the supervisor rung (12 h).
        App.Clock.Advance(TimeSpan.FromHours(20));

        var supervisor = await SignedInAsync("supervisor@demo.local");
        await supervisor.GetByRole(AriaRole.Link, new() { Name = "Overdue" }).ClickAsync();
        await Expect(supervisor.Locator("#overdue-summary tr", new() { HasText = "east" })).ToBeVisibleAsync();
        var east = supervisor.GetByRole(AriaRole.Region, new() { Name = "Team east" });
        await Expect(east).ToContainTextAsync("Level 2 — tell the supervisor");
        var row = east.Locator("tr", new() { HasText = eastRef }).Filter(new() { HasText = "Initial report of the discovery" });
        await Expect(row).ToContainTextAsync("overdue by 16 h");
        await Expect(supervisor.Locator("main")).Not.ToContainTextAsync(westRef);
        // Chart.js (served from wwwroot under the content policy) drew the trend.
        await Expect(supervisor.Locator("#overdue-chart")).ToBeVisibleAsync();
        Assert.True(await supervisor.EvaluateAsync<bool>("() => typeof Chart === 'function' && Chart.getChart('overdue-chart') !== undefined"), "Chart.js did not draw the trend");
        await supervisor.GetByText("The numbers").ClickAsync();
        await Expect(supervisor.Locator("#trend-table tbody tr")).ToHaveCountAsync(30);
        await ScreenshotAsync(supervisor, "overdue-board");

        // The sweep records the escalations; the case's timeline says which step and which level, by title.
        using (var scope = App.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<ReviewWorkflow.Web.Escalation.EscalationSweep>().RunAsync();
        await supervisor.GotoAsync($"/cases/{eastId}");
        await Expect(supervisor.Locator(".timeline")).ToContainTextAsync("Escalated Initial report of the discovery to level 2: the supervisors of the team told, overdue by 16 hours");

        var inspector = await SignedInAsync("inspector@demo.local");
        await inspector.GotoAsync("/overdue");
        await Expect(inspector.GetByRole(AriaRole.Region, new() { Name = "Team west" })).ToContainTextAsync(westRef);

        // The officer's own list puts the late step first, in words.
        var officer = await SignedInAsync("officer@demo.local");
        var first = officer.GetByRole(AriaRole.List, new() { Name = "Steps to do" }).Locator("li").First;
        await Expect(first).ToContainTextAsync("overdue by");
        await Expect(first).ToHaveClassAsync("late");
        await officer.GotoAsync($"/cases/{eastId}");
        await Expect(officer.Locator("#step-initial-report")).ToContainTextAsync("overdue by 16 h");
    }

    [Fact]
    public async Task WorkflowPageDrawsEveryStepAndDependencyWithDeadlinesAndLadder()
    {
        var page = await SignedInAsync("admin@demo.local");
        await page.GetByRole(AriaRole.Link, new() { Name = "Workflows" }).First.ClickAsync();

        var definition = App.Services.GetRequiredService<WorkflowRegistry>().Latest("unexplained-death")!;
        var diagram = page.Locator($"#wf-unexplained-death-v{definition.Version}");
        await Expect(diagram.Locator("g.node")).ToHaveCountAsync(definition.Steps.Count);
        // Every step, rule and category by its title, never its key (issue 18): the node's tooltip included.
        var review = diagram.Locator("g.node[data-step=supervisor-review]");
        await Expect(review).ToContainTextAsync("Supervisor review and sign-off");
        await Expect(review).Not.ToContainTextAsync("supervisor-review");
        var edge = WorkflowDiagram.Edges(definition)[0];
        await Expect(diagram.Locator("path.edge > title").First)
            .ToContainTextAsync($"{definition.FindStep(edge.From)!.Title} → {definition.FindStep(edge.To)!.Title}");
        var conditional = definition.Steps.First(s => s.When is not null);
        await Expect(diagram.Locator($"g.node[data-step={conditional.Key}] > title")).ToContainTextAsync(". Only when ");
        await Expect(diagram.Locator($"g.node[data-step={conditional.Key}] > title")).Not.ToContainTextAsync(conditional.When!.Text);
        await Expect(diagram.Locator("path.edge.approves")).Not.ToHaveCountAsync(0);
        await Expect(diagram.Locator("path.edge")).ToHaveCountAsync(WorkflowDiagram.Edges(definition).Count);
        var section = page.Locator($"#wf-unexplained-death-v{definition.Version}-section");
        await Expect(section.Locator("tr", new() { HasText = "initial-report" }).First).ToContainTextAsync("4 h from opening");
        await Expect(section.Locator("table.ladder tbody tr")).ToHaveCountAsync(3);
        await Expect(section.Locator("table.ladder")).ToContainTextAsync("inspector");
        await ScreenshotAsync(page, "workflows");
    }

    [Fact]
    public async Task AdministratorCreatesAnAccountWithTheSameChecksAsTheApi()
    {
        var page = await SignedInAsync("admin@demo.local");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin$"));
        await Expect(page.Locator("#users")).ToContainTextAsync("officer.west@demo.local");

        var before = await App.SnapshotAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        // Every problem at the top, each linked to its field; nothing recorded.
        var summary = page.Locator(".govuk-error-summary");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary).ToContainTextAsync("the account was not created");
        foreach (var (field, text) in new[] { ("email", "Email: a valid email address is required"), ("display-name", "Name: required"), ("role", "Role: must be one of"), ("team", "Team: required"), ("password", "First password: required") })
            await Expect(summary.GetByRole(AriaRole.Link, new() { NameString = text })).ToHaveAttributeAsync("href", $"#{field}");
        await App.AssertUnchangedSinceAsync(before);
        await ScreenshotAsync(page, "admin-new-account-problem");
        await summary.GetByRole(AriaRole.Link, new() { NameString = "First password" }).ClickAsync();
        await Expect(page.GetByLabel("First password")).ToBeFocusedAsync();
        await Expect(page.Locator("#email-error")).ToHaveTextAsync("a valid email address is required");
        await Expect(page.Locator("#role-error")).ToContainTextAsync("must be one of: officer, supervisor, inspector, admin");
        await Expect(page.Locator("#team-error")).ToContainTextAsync("required");
        await Expect(page.Locator("#password-error")).ToHaveTextAsync("required");

        await page.GetByLabel("Email").FillAsync("north.officer@demo.local");
        await page.GetByLabel("Name").FillAsync("Nora North");
        // Exact: each account's row has its own "Role of …" and "Team of …" to change it.
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Role", Exact = true }).SelectOptionAsync("officer");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Team", Exact = true }).FillAsync("north");
        await page.GetByLabel("First password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.Locator("#password-error")).ToContainTextAsync("at least 8 characters");
        await Expect(page.GetByLabel("Email")).ToHaveValueAsync("north.officer@demo.local");

        await page.GetByLabel("First password").FillAsync("North!2345");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Account north.officer@demo.local created (officer, team north).");
        await Expect(page.Locator("#teams")).ToContainTextAsync("north");
        await AssertEveryInputIsLabelledAsync(page);
        await ScreenshotAsync(page, "admin");

        var north = await SignedInAsync("north.officer@demo.local", "North!2345");
        await Expect(north.Locator(".who")).ToContainTextAsync("Nora North");

        // Moved to another team, the account's session ends; deactivated, it cannot sign in.
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Team of north.officer@demo.local", Exact = true }).FillAsync("south");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change role or team of north.officer@demo.local" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Account north.officer@demo.local changed; its sessions have ended (officer, team south).");
        await page.GetByRole(AriaRole.Button, new() { Name = "Deactivate north.officer@demo.local" }).ClickAsync();
        await Expect(page.Locator("#users tr", new() { HasText = "north.officer@demo.local" })).ToContainTextAsync("Deactivated");
        await AssertEveryInputIsLabelledAsync(page);
        await north.GotoAsync("/cases");
        await Expect(north).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sign-in"));
    }

    [Fact]
    public async Task AuditVerificationAndFailedMailAreShownToAdministrators()
    {
        var (caseId, reference) = await Casework.NewCaseAsync(await App.OfficerAsync(), "Daniel Whitworth");
        App.WithDb(db =>
        {
            var message = Outbox.Enqueue(db, $"test:{caseId}", Guid.Parse(caseId), "escalation", "supervisor", "east",
                $"{reference}: initial report overdue", "text", "<p>html</p>", App.Clock.GetUtcNow());
            message.State = OutboxState.Failed;
            message.Attempts = 1;
            message.LastError = "550 5.1.1 mailbox unavailable";
            return db.SaveChanges();
        });

        var page = await SignedInAsync("admin@demo.local");
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit trail verification" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify the audit trail now" }).ClickAsync();
        await Expect(page.Locator("#verify-result")).ToContainTextAsync("The audit trail is intact");
        await ScreenshotAsync(page, "audit");

        await page.GotoAsync("/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Failed outbox mail" }).ClickAsync();
        var failed = page.Locator("#failed-mail tr", new() { HasText = reference });
        await Expect(failed).ToContainTextAsync("550 5.1.1 mailbox unavailable");
        await Expect(failed).ToContainTextAsync("initial report overdue");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "job dashboard" })).ToHaveAttributeAsync("href", "/hangfire");
        await ScreenshotAsync(page, "failed-mail");
    }

    [Fact]
    public async Task EachRoleReachesOnlyItsPagesAndAForeignCaseIsNotFound()
    {
        // The browser logs each refused page (403, 404) as a failed load; nothing else may go wrong.
        ExpectBrowserErrors("Failed to load resource: the server responded with a status of 40");
        var (eastId, _) = await Casework.NewCaseAsync(await App.OfficerAsync(), "Unknown woman");

        var officer = await SignedInAsync("officer@demo.local");
        var denied = await officer.GotoAsync("/admin");
        Assert.Equal(403, denied!.Status);
        await Expect(officer.Locator("h1")).ToHaveTextAsync("Not allowed");
        await ScreenshotAsync(officer, "access-denied");
        await officer.GotoAsync("/sign-offs");
        await Expect(officer.Locator("h1")).ToHaveTextAsync("Not allowed");

        var west = await SignedInAsync("officer.west@demo.local");
        var missing = await west.GotoAsync($"/cases/{eastId}");
        Assert.Equal(404, missing!.Status);
        await Expect(west.Locator("h1")).ToHaveTextAsync("Page not found");
        await Expect(west.Locator("main")).ToContainTextAsync("belongs to a case you cannot see");
        await ScreenshotAsync(west, "not-found");
        foreach (var page in new[] { "linkage", "family-information", "family-information/new" })
            Assert.Equal(404, (await west.GotoAsync($"/cases/{eastId}/{page}"))!.Status);

        var admin = await SignedInAsync("admin@demo.local");
        await admin.GotoAsync($"/cases/{eastId}/close");
        await Expect(admin.Locator("h1")).ToHaveTextAsync("Not allowed");
        await ScreenshotAsync(admin, "access-denied-admin");
        Assert.Equal(404, (await admin.GotoAsync("/admin/no-such-page"))!.Status);
        await Expect(admin.Locator("h1")).ToHaveTextAsync("Page not found");
        await ScreenshotAsync(admin, "not-found-admin");
        foreach (var page in new[] { "linkage", "family-information" })
        {
            await admin.GotoAsync($"/cases/{eastId}/{page}");
            await Expect(admin.Locator("h1")).ToHaveTextAsync("Not allowed");
        }
    }

    [Fact]
    public async Task RepeatedWrongPasswordsLockTheAccount()
    {
        var admin = await App.AdminAsync();
        var created = await admin.PostAsJsonAsync("/api/admin/users", new { email = "locked.out@demo.local", displayName = "Lee Locked", password = "Right!2345", role = "officer", team = "east" });
        created.EnsureSuccessStatusCode();

        var page = await NewPageAsync();
        await page.GotoAsync("/sign-in");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await page.GetByLabel("Email").FillAsync("locked.out@demo.local");
            await page.GetByLabel("Password").FillAsync($"Wrong!{attempt}xyz");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(page.Locator("#sign-in-error")).ToBeVisibleAsync();
        }
        await Expect(page.Locator("#sign-in-error")).ToContainTextAsync("locked");

        await page.GetByLabel("Email").FillAsync("locked.out@demo.local");
        await page.GetByLabel("Password").FillAsync("Right!2345");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#sign-in-error")).ToContainTextAsync("locked");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToHaveCountAsync(0);

        // The administrator sees the account marked locked, with the time it ends, and unlocks it.
        var administrator = await SignedInAsync("admin@demo.local");
        var row = administrator.Locator("#users tr", new() { HasText = "locked.out@demo.local" });
        await Expect(row.Locator(".govuk-tag.govuk-tag--red")).ToHaveTextAsync("Locked");
        await Expect(row).ToContainTextAsync("until ");
        await ScreenshotAsync(administrator, "admin-locked-account");
        await row.GetByRole(AriaRole.Button, new() { Name = "Unlock locked.out@demo.local" }).ClickAsync();
        await Expect(administrator.GetByRole(AriaRole.Status)).ToContainTextAsync("Account locked.out@demo.local unlocked");
        await Expect(row.Locator(".govuk-tag.govuk-tag--red")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task SigningOutSaysSoOnTheSignInPage()
    {
        var page = await SignedInAsync("officer@demo.local");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sign-in$"));
        await Expect(page.Locator(".govuk-notification-banner").GetByRole(AriaRole.Status)).ToHaveTextAsync("You have signed out.");
        await ScreenshotAsync(page, "signed-out");
        await page.ReloadAsync(); // said once
        await Expect(page.Locator(".govuk-notification-banner")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheMigrationPageListsItsProblemsAtTheTopThenShowsTheDryRunByStepTitles()
    {
        var (id, reference) = await Casework.NewCaseAsync(await App.OfficerAsync(), "Stefan Walczak");
        var registry = App.Services.GetRequiredService<WorkflowRegistry>();
        var definition = registry.Catalog.All.Single(d => d.Key == "unexplained-death" && d.Version == 1);
        var target = registry.Catalog.All.Single(d => d.Key == "unexplained-death" && d.Version == 2);
        var page = await SignedInAsync("admin@demo.local");
        await page.GetByRole(AriaRole.Link, new() { Name = "Move cases to another workflow version" }).ClickAsync();
        await AssertEveryInputIsLabelledAsync(page);
        await ScreenshotAsync(page, "migrations");

        var before = await App.SnapshotAsync();
        await page.GetByLabel("From", new() { Exact = true }).SelectOptionAsync("unexplained-death/1");
        await page.GetByLabel("To", new() { Exact = true }).SelectOptionAsync("unexplained-death/2");
        await page.GetByLabel("Cases").FillAsync("NO-SUCH-CASE");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        var summary = page.Locator(".govuk-error-summary");
        await Expect(summary).ToContainTextAsync("nothing was moved");
        await Expect(summary.GetByRole(AriaRole.Link, new() { NameString = "Cases: no case 'NO-SUCH-CASE'" })).ToHaveAttributeAsync("href", "#Cases");
        await Expect(page.Locator("#Cases-error")).ToContainTextAsync("no case 'NO-SUCH-CASE'");
        await App.AssertUnchangedSinceAsync(before);
        await ScreenshotAsync(page, "migrations-problem");

        await page.GetByLabel("Cases").FillAsync(reference);
        await page.GetByRole(AriaRole.Button, new() { Name = "Dry run" }).ClickAsync();
        await Expect(page.Locator("#plan-title")).ToHaveTextAsync($"Dry run: {definition.Title}, version 1 to {target.Title}, version 2");
        var row = page.Locator("#plan-cases tr", new() { HasText = reference });
        await Expect(row.Locator(".govuk-tag")).ToHaveTextAsync("Can move");
        await Expect(row).ToContainTextAsync(target.FindStep("early-review")!.Title);
        await Expect(row).Not.ToContainTextAsync("early-review");
        await App.AssertUnchangedSinceAsync(before);
        await ScreenshotAsync(page, "migrations-dry-run");
        Assert.Equal(1, App.WithDb(db => db.Cases.Single(c => c.Id == Guid.Parse(id)).WorkflowVersion));
    }

    [Fact]
    public async Task AFormSentWithoutItsAntiForgeryTokenIsRefusedWithAMessageNotAStackTrace()
    {
        ExpectBrowserErrors("status of 400 (Bad Request)"); // the refused form
        var page = await NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.Locator("input[name=__RequestVerificationToken]").EvaluateAsync("e => e.remove()");
        await page.GetByLabel("Email").FillAsync("officer@demo.local");
        await page.GetByLabel("Password").FillAsync(ReviewApp.Password);
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(), r => r.Request.Method == "POST");

        Assert.Equal(400, response.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("The request could not be used");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("Exception");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AnOversizedFormIsRefusedWithAPageThatExplainsNotAStackTrace()
    {
        var page = await SignedInAsync("officer@demo.local");
        var response = await page.APIRequest.PostAsync("/cases/new", new()
        {
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded", ["Accept"] = "text/html" },
            Data = "Form.Name=" + new string('x', 2 * 1024 * 1024),
        });

        // Refused when the form is read (413), or as an unreadable form by the anti-forgery check (400): either way a page says so.
        Assert.True(response.Status is 400 or 413, $"status {response.Status}");
        var html = await response.TextAsync();
        Assert.Matches("Too much data|The request could not be used", html);
        Assert.Contains("Back to your work", html);
        Assert.DoesNotContain("Exception", html);
        Assert.DoesNotContain(" at ReviewWorkflow", html);
    }
}
