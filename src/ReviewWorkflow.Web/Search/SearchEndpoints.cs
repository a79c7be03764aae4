using Microsoft.AspNetCore.Http.HttpResults;

namespace ReviewWorkflow.Web.Search;

public static class SearchEndpoints
{
    public static void MapSearch(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/search", async Task<Results<Ok<SearchDto>, ValidationProblem>> (string? q, ReviewDb db, CurrentUser user, CancellationToken ct) =>
                CaseSearch.Invalid(q) is { } error
                    ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["q"] = [error] }, detail: $"q: {error}", title: "The search is not valid")
                    : TypedResults.Ok(await CaseSearch.RunAsync(db, user, q!, ct)))
            .WithTags("Search").RequireAuthorization(Policies.Casework);

        routes.MapGet("/api/persons", async Task<Results<Ok<PersonDto>, ValidationProblem>> (string? identifier, ReviewDb db, CurrentUser user, CancellationToken ct) =>
                PersonSearch.Normalise(identifier ?? "") is { } id
                    ? TypedResults.Ok(await PersonSearch.RunAsync(db, user, identifier!, id, ct))
                    : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["identifier"] = [Wrong] }, detail: $"identifier: {Wrong}",
                        title: "The identifier is not valid"))
            .WithTags("Search").RequireAuthorization(Policies.Casework);
    }

    private const string Wrong = "required: a phone number, email, @user name or name, at most 200 characters";
}
