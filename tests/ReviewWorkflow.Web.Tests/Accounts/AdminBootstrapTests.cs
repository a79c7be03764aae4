using System.Net;
using System.Net.Http.Json;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Accounts;

public sealed class AdminBootstrapTests
{
    [Fact]
    public async Task TheFirstAdministratorIsCreatedOnlyWhileThereIsNone()
    {
        var database = await ReviewApp.NewDatabaseAsync();
        await using (var first = Bootstrapped(database, "first.admin@force.example"))
        {
            await first.InitializeAsync();
            var login = await first.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = "first.admin@force.example", password = "First!Admin1" });
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        await using var second = Bootstrapped(database, "second.admin@force.example");
        await second.InitializeAsync();
        var refused = await second.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = "second.admin@force.example", password = "First!Admin1" });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private static ReviewApp Bootstrapped(string database, string email)
    {
        var app = ReviewApp.On(database);
        app.Settings["Demo:Seed"] = "false";
        app.Settings["Bootstrap:AdminEmail"] = email;
        app.Settings["Bootstrap:AdminPassword"] = "First!Admin1";
        return app;
    }
}
