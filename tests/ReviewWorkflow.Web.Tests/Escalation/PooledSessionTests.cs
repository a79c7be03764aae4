using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewWorkflow.Web.Data;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Escalation;

/// <summary>The app on a pool of one connection, so every scope gets the same database session.</summary>
public sealed class OneConnectionApp : EscalationApp
{
    public override async Task InitializeAsync()
    {
        ConnectionString = await NewDatabaseAsync() + ";Maximum Pool Size=1";
        await base.InitializeAsync();
    }
}

/// <summary>
/// The app's pooled connections are not reset when returned (DatabaseSetup.WithAutoPrepare), so no
/// session setting may outlive the work that made it: delivery's non-durable commits must not leak
/// into the next request, whose commits must wait for the disk.
/// </summary>
public sealed class PooledSessionTests(OneConnectionApp app) : IClassFixture<OneConnectionApp>
{
    [Fact]
    public async Task OutboxDeliveryLeavesNoSessionSettingOnThePooledConnection()
    {
        // The premise: a session setting made in one scope is still there in the next. (Set
        // explicitly both ways: the test cluster's own default is not durable.)
        await ExecuteAsync("SET synchronous_commit = off");
        Assert.Equal("off", await SynchronousCommitAsync());
        await ExecuteAsync("SET synchronous_commit = on");
        Assert.Equal("on", await SynchronousCommitAsync());

        var c = await (await app.OfficerAsync()).CreateCaseAsync();
        app.Clock.Advance(TimeSpan.FromHours(13)); // the first level of the initial report is due
        await app.SweepAsync();
        Assert.NotEmpty(app.OutboxOf(c));
        await app.DeliverAllDueAsync();

        Assert.NotEmpty(app.MailAbout(c));
        Assert.Equal("on", await SynchronousCommitAsync());
    }

    private async Task ExecuteAsync(string sql)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ReviewDb>().Database.ExecuteSqlRawAsync(sql);
    }

    private async Task<string> SynchronousCommitAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ReviewDb>().Database
            .SqlQueryRaw<string>("SELECT current_setting('synchronous_commit') AS \"Value\"").SingleAsync();
    }
}
