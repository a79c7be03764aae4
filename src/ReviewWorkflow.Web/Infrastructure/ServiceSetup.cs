using ReviewWorkflow.LocalCluster;
using System.Text.Json.Serialization;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions; // the minimal APIs' options, not MVC's
using ReviewWorkflow.Web.Audit;
using ReviewWorkflow.Web.Escalation;
using ReviewWorkflow.Web.FamilyInformation;
using ReviewWorkflow.Web.Linkage;
using ReviewWorkflow.Web.SignOff;
using ReviewWorkflow.Web.Steps;
using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Web.Infrastructure;

public static class ServiceSetup
{
    /// <summary>Largest request body accepted (documented in the README): a case with its persons fits many times over.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <returns>The app's own PostgreSQL cluster when no connection string is configured; the caller stops it.</returns>
    public static LocalPostgres? AddReviewServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var (connectionString, localPostgres) = DatabaseSetup.Resolve(builder);

        // Pooled: a context built per request costs its internal service scope and a dozen resolutions
        // (bench/run.sh throughput: a case read fell from 1.6 to 1.1 ms of app CPU); a pooled one is reset and reused.
        services.AddDbContextPool<ReviewDb>(o => o.UseNpgsql(DatabaseSetup.WithAutoPrepare(connectionString), n => n.UseNetTopologySuite()).UseSnakeCaseNamingConvention());
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<WorkflowRegistry>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<AuditCheckpoints>();
        services.AddScoped<CaseProcedure>();
        // One use case per procedure action, run alike by the API and the pages.
        services.AddScoped<CompleteStep>().AddScoped<SignOffStep>().AddScoped<Refer>().AddScoped<Classify>().AddScoped<Close>()
            .AddScoped<PatchFacts>().AddScoped<Disposition>().AddScoped<FamilyInformationCommands>()
            .AddScoped<Casework.CaseLog>()
            .AddScoped<Casework.CaseDocuments>().AddScoped<Casework.ExhibitRegister>()
            .AddScoped<Casework.Reassignment>().AddScoped<Casework.Handovers>();
        services.Configure<Casework.DocumentOptions>(builder.Configuration.GetSection("Documents"));
        services.AddScoped<CaseCreation>();
        services.AddScoped<Linkage.PreviousIncidents>();
        services.AddScoped<Workflows.CaseMigration>();
        services.AddScoped<LinkageCheck>();
        services.AddScoped<CaseFile.CaseFileExport>();
        services.AddScoped<Reports.ReportQuery>();

        services.AddIdentityApiEndpoints<User>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = true; // "confirmed" here: not a demo account where demo data is off (DemoAccounts)
            })
            .AddEntityFrameworkStores<ReviewDb>()
            .AddUserConfirmation<DemoAccounts>()
            .AddUserManager<AccountUsers>()
            .AddClaimsPrincipalFactory<ClaimsFactory>();
        services.AddSingleton<SessionStamps>();
        services.AddScoped<RefreshTokens>();
        services.AddScoped<UserAdministration>();
        // The page cookie is checked against the account's stamp as bearer tokens are (SessionStamps).
        services.ConfigureApplicationCookie(o => o.Events.OnValidatePrincipal = SessionCheck.ValidateCookieAsync);
        services.Configure<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions>(IdentityConstants.BearerScheme,
            o => o.BearerTokenExpiration = TimeSpan.FromHours(1));
        services.AddAuthorizationBuilder()
            // Anything mapped without its own rule still needs a signed-in user.
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddReviewPolicies();

        services.Configure<JsonOptions>(o =>
        {
            // An unknown member is a client mistake worth telling about, not something to ignore silently.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.MaxDepth = 32;
            // Which of two values for one member would count is a guess; refuse instead (InputScreen names the member first).
            o.SerializerOptions.AllowDuplicateProperties = false;
            o.SerializerOptions.Converters.Add(new OffsetRequired());
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi();
        services.AddHealthChecks().AddNpgSql(connectionString, name: "database");
        builder.AddReviewJobs(connectionString);
        return localPostgres;
    }

    public static async Task PrepareDatabaseAsync(this WebApplication app, bool seedDemo)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReviewDb>();
        await CreateMigrationHistoryAsync(db);
        await db.Database.MigrateAsync();
        var folder = WorkflowFiles.Locate(app.Configuration, app.Environment.ContentRootPath);
        await app.Services.GetRequiredService<WorkflowRegistry>().LoadAsync(folder, db, app.Services.GetRequiredService<TimeProvider>(),
            deadlineSpeedup: DemoDeadlines.Speedup(app.Configuration), startOn: WorkflowFiles.StartOn(app.Configuration));
        if (DemoDeadlines.Speedup(app.Configuration) is var speedup and > 1)
            app.Logger.LogWarning("Demo deadline speed-up is on ({Setting} = {Speedup}): every deadline and escalation rung is {Speedup} times shorter (a demonstration setting, never for real cases)",
                DemoDeadlines.Setting, speedup, speedup);
        await AdminBootstrap.RunAsync(app.Services, app.Configuration, app.Logger);
        if (seedDemo)
        {
            var seeds = app.Configuration["Seeds:Path"] ?? RepositoryFolders.Find("seeds", app.Environment.ContentRootPath)
                ?? throw new InvalidOperationException("Demo data was asked for but no seeds/ folder was found; set Seeds:Path.");
            await DemoSeed.RunAsync(app.Services, seeds, app.Logger);
        }
    }

    /// <summary>
    /// Npgsql's migrator assumes the history table exists and catches the "relation does not exist" of
    /// its first query, which EF has already logged as a failed command: a red <c>fail:</c> on every first
    /// start that is no failure. Creating the table first (the script EF itself would run) avoids it.
    /// </summary>
    private static async Task CreateMigrationHistoryAsync(ReviewDb db)
    {
        var history = Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Migrations.IHistoryRepository>(db);
        await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript());
    }
}
