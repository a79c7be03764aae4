using System.Text.Json;

namespace ReviewWorkflow.Web.Steps;

/// <summary>
/// Fields of type <c>user</c> (the family liaison contact, F9) name a caseworker of the case's team.
/// The engine cannot know the users, so the app checks them before the engine sees the input and
/// stores the user's id, which stays true when an email changes.
/// </summary>
public static class UserFields
{
    public static async Task<(Dictionary<string, JsonElement> Fields, Dictionary<string, string[]> Errors)> ResolveAsync(
        ReviewDb db, CaseContext context, string stepKey, Dictionary<string, JsonElement> fields, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        // An unknown step is the engine's answer (404), given after this.
        if (context.Definition.FindStep(stepKey) is not { } step) return (fields, errors);

        var resolved = new Dictionary<string, JsonElement>(fields);
        foreach (var field in step.Fields.Where(f => f.Type == FieldType.User))
        {
            // Absent, blank or not text: the engine reports it ("required", "must be ...").
            if (!fields.TryGetValue(field.Key, out var value) || value.ValueKind != JsonValueKind.String
                || string.IsNullOrWhiteSpace(value.GetString())) continue;
            var found = await TeamUsers.FindAsync(db, context.Case.Team, value.GetString()!, ct);
            if (found is null) errors[$"fields.{field.Key}"] = [TeamUsers.NotATeamUser];
            else resolved[field.Key] = JsonSerializer.SerializeToElement(found.Id);
        }
        return (resolved, errors);
    }
}
