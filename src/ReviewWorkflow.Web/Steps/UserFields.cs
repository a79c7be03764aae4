using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewWorkflow.Engine.Definitions;
using ReviewWorkflow.Web.Accounts;
using ReviewWorkflow.Web.Cases;
using ReviewWorkflow.Web.Data;
using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Web.Steps;

/// <summary>
/// Fields of type <c>user</c> (the family liaison contact, F9) name a caseworker of the case's team.
/// The engine cannot know the users, so the app checks them before the engine sees the input and
/// stores the user's id, which stays true when an email changes.
/// </summary>
public static class UserFields
{
    public static async Task<(Dictionary<string, JsonElement> Fields, Dictionary<string, string[]> Errors)> ResolveAsync(
        ReviewDb db, WorkflowRegistry workflows, Guid caseId, string stepKey, Dictionary<string, JsonElement> fields,
        CurrentUser user, CancellationToken ct, VisibleCase? seen = null)
    {
        var errors = new Dictionary<string, string[]>();
        // The visibility filter has usually read these already; the case's team and workflow never change.
        var c = seen is not null && seen.Id == caseId
            ? new { seen.Team, seen.WorkflowKey, seen.WorkflowVersion }
            : await db.Cases.AsNoTracking().Where(x => x.Id == caseId)
                .Select(x => new { x.Team, x.WorkflowKey, x.WorkflowVersion }).FirstOrDefaultAsync(ct);
        // A missing or foreign case is the procedure's answer (404), given after this.
        if (c is null || !user.CanSee(c.Team)) return (fields, errors);
        var step = workflows.Get(c.WorkflowKey, c.WorkflowVersion).FindStep(stepKey);
        if (step is null) return (fields, errors);

        var resolved = new Dictionary<string, JsonElement>(fields);
        foreach (var field in step.Fields.Where(f => f.Type == FieldType.User))
        {
            // Absent, blank or not text: the engine reports it ("required", "must be ...").
            if (!fields.TryGetValue(field.Key, out var value) || value.ValueKind != JsonValueKind.String
                || string.IsNullOrWhiteSpace(value.GetString())) continue;
            var found = await TeamUsers.FindAsync(db, c.Team, value.GetString()!, ct);
            if (found is null) errors[$"fields.{field.Key}"] = [TeamUsers.NotATeamUser];
            else resolved[field.Key] = JsonSerializer.SerializeToElement(found.Id);
        }
        return (resolved, errors);
    }
}
