using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Security;

/// <summary>
/// The demo accounts share a password published in the repository: outside Development they work
/// only when demo data is switched on explicitly, even on a database where they were seeded before.
/// </summary>
public sealed class DemoAccountTests
{
    private const string Staff = "real.officer@police.example";
    private const string StaffPassword = "Real!Officer-2026";

    [Fact]
    public async Task DemoAccountsAreRefusedInProductionUnlessDemoDataIsExplicitlyOn()
    {
        var database = await ReviewApp.NewDatabaseAsync();
        await using (var demoOn = new ProductionApp(database, demo: true))
        {
            await demoOn.InitializeAsync();
            Assert.Equal(HttpStatusCode.OK, await LoginAsync(demoOn, "officer@demo.local", ReviewApp.Password));
            var admin = await demoOn.AdminAsync();
            (await admin.PostAsJsonAsync("/api/admin/users", new { email = Staff, displayName = "Rita Real", password = StaffPassword, role = "officer", team = "east" }))
                .EnsureSuccessStatusCode();
        }

        // The same database, restarted in Production without the switch.
        await using (var demoOff = new ProductionApp(database, demo: false))
        {
            await demoOff.InitializeAsync();
            foreach (var email in new[] { "officer@demo.local", "admin@demo.local", "SUPERVISOR@DEMO.LOCAL" })
            {
                var refused = await demoOff.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = ReviewApp.Password });
                await refused.ProblemAsync(HttpStatusCode.Unauthorized);
            }
            var page = await PageSession.SignInAsync(PageSession.Anonymous(demoOff), "officer@demo.local", ReviewApp.Password);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode); // the form again, with its error
            Assert.Contains("The email or password is wrong.", await page.Content.ReadAsStringAsync());
            Assert.False(page.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("rw.session=")));
            // Refused before the password is checked: no failed attempts counted against the account.
            Assert.Equal(0, demoOff.WithDb(db => db.Users.Single(u => u.Email == "officer@demo.local").AccessFailedCount));
            // Real accounts are not affected.
            Assert.Equal(HttpStatusCode.OK, await LoginAsync(demoOff, Staff, StaffPassword));
        }

        // A new production database without the switch does not get the demo accounts at all.
        await using (var fresh = new ProductionApp(await ReviewApp.NewDatabaseAsync(), demo: false))
        {
            await fresh.InitializeAsync();
            Assert.Equal(0, fresh.WithDb(db => db.Users.Count()));
        }

        // With the explicit switch they work again.
        await using (var again = new ProductionApp(database, demo: true))
        {
            await again.InitializeAsync();
            Assert.Equal(HttpStatusCode.OK, await LoginAsync(again, "officer@demo.local", ReviewApp.Password));
        }
    }

    private static async Task<HttpStatusCode> LoginAsync(ReviewApp app, string email, string password) =>
        (await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password })).StatusCode;

    /// <summary>The test app in the Production environment, demo data on or off (<c>Demo:Seed</c>).</summary>
    private sealed class ProductionApp : ReviewApp
    {
        public ProductionApp(string connectionString, bool demo)
        {
            ConnectionString = connectionString;
            Settings["Demo:Seed"] = demo ? "true" : "false";
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
