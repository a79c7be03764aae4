// Namespaces most of the app uses: the framework (EF Core, Razor Pages, Identity, authorization), the engine, and the
// app's own data, accounts, cases and page helpers.
global using Microsoft.AspNetCore.Authorization;
global using Microsoft.AspNetCore.Identity;
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.AspNetCore.Mvc.RazorPages;
global using Microsoft.EntityFrameworkCore;
global using ReviewWorkflow.Engine;
global using ReviewWorkflow.Engine.Definitions;
global using ReviewWorkflow.Engine.Evaluation;
global using ReviewWorkflow.Web.Accounts;
global using ReviewWorkflow.Web.Cases;
global using ReviewWorkflow.Web.Data;
global using ReviewWorkflow.Web.Ui;
