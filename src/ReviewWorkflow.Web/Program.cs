using ReviewWorkflow.LocalCluster;
using ReviewWorkflow.Web;
using ReviewWorkflow.Web.Audit;
using ReviewWorkflow.Web.CaseFile;
using ReviewWorkflow.Web.Casework;
using ReviewWorkflow.Web.FamilyInformation;
using ReviewWorkflow.Web.Infrastructure;
using ReviewWorkflow.Web.Linkage;
using ReviewWorkflow.Web.Notifications;
using ReviewWorkflow.Web.Reports;
using ReviewWorkflow.Web.Search;
using ReviewWorkflow.Web.SignOff;
using ReviewWorkflow.Web.Steps;
using ReviewWorkflow.Web.Workflows;
using Scalar.AspNetCore;

// Commands that need no database run before anything else starts.
if (args is ["validate", .. var rest])
    return ValidateCommand.Run(rest);

var builder = WebApplication.CreateBuilder(args);
LocalPostgres? localPostgres;
try
{
    localPostgres = builder.AddReviewServices();
}
catch (LocalPostgresException e)
{
    // One clear sentence (what to install, which setting to give) is more use than a stack trace.
    Console.Error.WriteLine($"Cannot start: {e.Message}");
    return 1;
}
using var ownCluster = localPostgres; // the app's own cluster stops when Main returns
builder.Services.AddReviewUi();

var app = builder.Build();
try
{
    await app.PrepareDatabaseAsync(seedDemo: args.Contains("--seed-demo") || DemoAccounts.Enabled(app.Configuration, app.Environment));
}
catch (ReviewWorkflow.Web.Workflows.WorkflowLoadException e)
{
    // The definition's own messages (file, line, what is wrong) are the whole story: no stack trace.
    Console.Error.WriteLine($"Cannot start: {e.Message}");
    return 1;
}

if (args is ["verify-audit", ..])
    return await VerifyAuditCommand.RunAsync(app);
if (args is ["import-deaths", .. var importArgs])
    return await ImportDeathsCommand.RunAsync(app, importArgs);
if (args is ["export-files", .. var exportArgs])
    return await ExportFilesCommand.RunAsync(app, exportArgs);
if (args is ["verify-file", .. var verifyArgs])
    return await VerifyFileCommand.RunAsync(app, verifyArgs);
if (args is ["migrate", .. var migrateArgs])
    return await MigrateCommand.RunAsync(app, migrateArgs);

app.UseReviewUi(); // error pages and problem details, security headers, static files
app.UseAuthentication();
app.UseMiddleware<SessionCheck>(); // a token of a deactivated, locked or changed account acts for nobody
// Before authorization: the app's fallback policy would answer an anonymous browser with a bare 401;
// the dashboard's own door sends it to sign in, and lets only administrators through.
app.UseReviewJobsDashboard();
app.UseAuthorization();
app.UseMiddleware<InputScreen>(); // after authorization: a caller who may not call learns nothing from it

app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference().AllowAnonymous();
app.MapHealthChecks("/health").AllowAnonymous();
app.MapAuth();
app.MapAdminUsers();
app.MapCases();
app.MapWorkflows();
app.MapMigrations();
app.MapSteps();
app.MapSignOffs();
app.MapFamilyInformation();
app.MapCasework();
app.MapAssignment();
app.MapSearch();
app.MapAudit();
app.MapCaseFiles();
app.MapReports();
app.MapLinkage();
app.MapOutboxAdmin();
app.MapReviewUi();

await app.RunAsync();
return 0;

public partial class Program;
