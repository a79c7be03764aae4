using Microsoft.EntityFrameworkCore;
using ReviewWorkflow.Web.Accounts;
using ReviewWorkflow.Web.Data;

namespace ReviewWorkflow.Web.Cases;

/// <summary>What the visibility check read about the route's case, kept for the handler so it need not ask again.</summary>
public sealed record VisibleCase(Guid Id, string Team, string WorkflowKey, int WorkflowVersion, string OfficerName);

/// <summary>
/// Answers 404 before the handler runs when the route's case is missing or another team's, so
/// validation messages cannot reveal anything about a case the caller may not see.
/// </summary>
public static class CaseVisibility
{
    public static TBuilder RequireVisibleCase<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!Guid.TryParse(http.Request.RouteValues["id"]?.ToString(), out var id)) return CaseResults.NotFound();
            var user = CurrentUser.From(http.User);
            if (user is null) return TypedResults.Unauthorized();
            // A command's case is read whole here and handed to the handler (CaseProcedure.LoadAsync): one
            // query answers both "may the caller see it" and "what is it". A read (the linkage list, the
            // family register) needs only the first answer, and a few columns give it.
            var seen = HttpMethods.IsGet(http.Request.Method)
                ? await SeenAsync(http.RequestServices.GetRequiredService<ReviewDb>(), id, user, http.RequestAborted)
                : await http.RequestServices.GetRequiredService<CaseProcedure>().FindAsync(id, user, http.RequestAborted);
            if (seen is null) return CaseResults.NotFound();
            http.Items[typeof(VisibleCase)] = seen;
            return await next(context);
        });

    private static async Task<VisibleCase?> SeenAsync(ReviewDb db, Guid id, CurrentUser user, CancellationToken ct)
    {
        // Kept open for the handler's queries that follow (EF closes it with the request's context).
        await db.Database.OpenConnectionAsync(ct);
        return await db.Cases.AsNoTracking()
            .Where(c => c.Id == id && (user.SeesAllTeams || c.Team == user.Team))
            .Select(c => new VisibleCase(c.Id, c.Team, c.WorkflowKey, c.WorkflowVersion,
                db.Users.Where(u => u.Id == c.OfficerId).Select(u => u.DisplayName).FirstOrDefault() ?? c.OfficerId))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The route's case as the visibility filter read it, or null where no filter ran.</summary>
    public static VisibleCase? Seen(this HttpContext http, Guid id) =>
        http.Items.TryGetValue(typeof(VisibleCase), out var v) && v is VisibleCase c && c.Id == id ? c : null;
}
