namespace ReviewWorkflow.Web.Cases;

/// <summary>
/// For reads of a case's parts (its linkage, its register, a step): 404 before the handler runs when
/// the route's case is missing or another team's. A change needs no filter: it loads the case
/// (<see cref="CaseProcedure.LoadAsync"/>), which answers the same question before any input is judged.
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
            var db = http.RequestServices.GetRequiredService<ReviewDb>();
            // Kept open for the handler's queries that follow (EF closes it with the request's context).
            await db.Database.OpenConnectionAsync(http.RequestAborted);
            var visible = await db.Cases.AnyAsync(c => c.Id == id && (user.SeesAllTeams || c.Team == user.Team), http.RequestAborted);
            return visible ? await next(context) : CaseResults.NotFound();
        });
}
