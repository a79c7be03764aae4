using Hangfire;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Net.Http.Headers;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ReviewWorkflow.Web.Escalation;
using ReviewWorkflow.Web.Notifications;

namespace ReviewWorkflow.Web.Infrastructure;

/// <summary>
/// Hangfire on the app's own PostgreSQL database (schema <c>hangfire</c>), a job server in every
/// instance, the escalation sweep and outbox delivery as recurring jobs, the dashboard for admins.
/// Nothing here touches the database until the host starts (or a request arrives), so the
/// command-line commands that build the app without running it start no jobs.
/// </summary>
public static class JobSetup
{
    public static void AddReviewJobs(this WebApplicationBuilder builder, string connectionString)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.Configure<EscalationOptions>(configuration.GetSection(EscalationOptions.Section));
        services.Configure<EmailOptions>(configuration.GetSection(EmailOptions.Section));
        services.AddScoped<IEscalationSource, StepEscalationSource>();
        services.AddScoped<IEscalationSource, FamilyItemEscalationSource>();
        services.AddScoped<IEscalationSource, DirectionEscalationSource>();
        services.AddScoped<EscalationSweep>();
        services.AddScoped<RecipientResolver>();
        services.AddScoped<OutboxDelivery>();
        services.AddScoped<EscalationJobs>();

        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = TimeSpan.FromSeconds(1),
            // A long job keeps extending its claim; a job of a killed instance is picked up again after the timeout.
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = TimeSpan.FromMinutes(5),
            // Hangfire's own locks last milliseconds; one left by a killed instance blocks the others'
            // schedulers until it expires, so it expires in a minute rather than the default ten.
            DistributedLockTimeout = configuration.GetValue("Jobs:DistributedLockTimeout", TimeSpan.FromMinutes(1)),
        };
        // Our own storage and activator rather than Hangfire's static ones: several hosts in one
        // process (tests) must each use their own database and their own services.
        services.AddSingleton<JobStorage>(_ => new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, c) => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(sp.GetRequiredService<JobStorage>()));

        if (configuration.GetValue("Jobs:Server", true))
        {
            services.AddHangfireServer((sp, o) =>
            {
                o.WorkerCount = configuration.GetValue("Jobs:WorkerCount", 4);
                o.SchedulePollingInterval = configuration.GetValue("Jobs:SchedulePollingInterval", TimeSpan.FromSeconds(5));
                o.ServerTimeout = TimeSpan.FromMinutes(2);
            });
            services.AddHostedService<RecurringJobsSetup>();
        }
        services.AddHealthChecks().AddCheck<JobsHealthCheck>("jobs");
    }

    /// <summary>
    /// The dashboard at /hangfire: administrators only. Call after authentication and before
    /// authorization (the dashboard is not an endpoint, so the fallback policy would otherwise answer it first).
    /// </summary>
    public static void UseReviewJobsDashboard(this WebApplication app)
    {
        // In a browser (no bearer token), someone not signed in is sent to the sign-in page and back,
        // and a signed-in non-administrator reads the "Not allowed" page, instead of Hangfire's bare
        // 401/403; API clients keep the plain status codes from AdminOnly below.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/hangfire") && !c.Request.Headers.ContainsKey(HeaderNames.Authorization),
            browser => browser.Use(async (context, next) =>
            {
                if (context.User.Identity?.IsAuthenticated != true)
                    await context.ChallengeAsync(IdentityConstants.ApplicationScheme);
                else if (!context.User.IsInRole(Roles.Admin))
                    await context.ForbidAsync(IdentityConstants.ApplicationScheme);
                else
                    await next(context);
            }));
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new AdminOnly()],
            DisplayStorageConnectionString = false,
            DashboardTitle = "ReviewWorkflow jobs",
            AppPath = "/",
        });
    }

    /// <summary>
    /// A signed-in user (cookie or bearer token) who is not an administrator gets 403 from Hangfire,
    /// a request without any sign-in 401.
    /// </summary>
    private sealed class AdminOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context)
        {
            var user = context.GetHttpContext().User;
            return user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.Admin);
        }
    }
}

/// <summary>
/// Registers (or updates) the recurring jobs when the host starts, from configuration. In the
/// background, and retried: an instance killed mid-job can leave Hangfire's lock on a recurring
/// job behind until it expires (DistributedLockTimeout), and a restart must not fail for that —
/// the jobs are already registered and run again once the lock expires.
/// </summary>
internal sealed class RecurringJobsSetup(IRecurringJobManager recurring, IOptions<EscalationOptions> options, IConfiguration configuration,
    ILogger<RecurringJobsSetup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // never hold up the host's start
        var speedup = DemoDeadlines.Speedup(configuration);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                recurring.AddOrUpdate<EscalationJobs>(EscalationJobs.SweepId, j => j.SweepAsync(CancellationToken.None), options.Value.SweepSchedule(speedup));
                recurring.AddOrUpdate<EscalationJobs>(EscalationJobs.DeliveryId, j => j.DeliverAsync(CancellationToken.None), options.Value.DeliverySchedule(speedup));
                return;
            }
            catch (Exception e) when (e is Hangfire.PostgreSql.PostgreSqlDistributedLockException or Hangfire.Storage.DistributedLockTimeoutException)
            {
                logger.LogWarning("Recurring jobs not registered yet (attempt {Attempt}): {Reason}; retrying", attempt, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, 5 * attempt)), stoppingToken);
            }
        }
    }
}

/// <summary>Healthy when the job storage answers and a job server has reported recently (degraded if none has).</summary>
internal sealed class JobsHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // Hangfire's heartbeats are wall-clock times written by the servers themselves.
            var alive = storage.GetMonitoringApi().Servers().Count(s => s.Heartbeat > DateTime.UtcNow.AddMinutes(-2));
            return Task.FromResult(alive > 0
                ? HealthCheckResult.Healthy($"{alive} job server(s)")
                : HealthCheckResult.Degraded("no job server has reported in the last 2 minutes"));
        }
        catch (Exception e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the job storage does not answer", e));
        }
    }
}
