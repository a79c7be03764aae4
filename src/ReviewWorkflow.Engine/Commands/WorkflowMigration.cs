using System.Text.Json;

namespace ReviewWorkflow.Engine.Commands;

/// <summary>
/// Moving an open case to another workflow version (an inspection changed the procedure, or a death on
/// the proportionate route turned out to need the full one). Steps and fields are matched by key;
/// answers are carried over when B's field rules accept them as a user's input would be accepted, and a
/// completed step whose answers B would lose or refuse stands only if it is named to be redone — then it
/// is returned, as a sign-off returns work. Nothing is deleted: the case's history stays as recorded.
/// </summary>
public static class WorkflowMigration
{
    /// <summary>The <c>returnedBy</c> of a step returned by a migration (a sign-off's key otherwise).</summary>
    public const string ReturnedBy = "migration";

    public static MigrationPlan Plan(WorkflowDefinition from, WorkflowDefinition to, CaseState state,
        IReadOnlyCollection<string> redo, Actor actor, DateTimeOffset now)
    {
        var target = $"{to.Key} v{to.Version}";
        var refusals = new List<string>();
        if (state.Closed) refusals.Add("the case is closed: closed cases are not migrated");
        if (from.Key == to.Key && from.Version == to.Version) refusals.Add($"the case is on {target} already");
        refusals.AddRange(redo.Where(k => to.FindStep(k) is null).Select(k => $"{k}: no such step in {target} to redo"));
        if (to.StepDeciding(DecisionPurpose.Classification) is { } classify && classify.Categories.All(c => c.Key != state.Classification))
            refusals.Add($"the case's classification '{state.Classification}' is not a category of {target}");

        var before = CaseEvaluator.Evaluate(from, state);
        var carried = new List<AnswerCarried>();
        var lost = new List<AnswerLost>();
        foreach (var status in before.Steps.Where(s => s.Completion is not null && HoldsAnswers(s.Step)))
            Compare(status.Step.Key, status.Completion!.Fields, to.FindStep(status.Step.Key), target, carried, lost);

        var toRedo = redo.Where(k => before[k]?.Completion is not null && to.FindStep(k) is not null).Distinct().ToList();
        foreach (var step in lost.Where(l => l.Blocks && !toRedo.Contains(l.Step)).GroupBy(l => l.Step))
            refusals.Add($"{step.Key}: completed answers would be lost or invalid on {target} ({string.Join("; ", step.Select(l => $"{l.Field}: {l.Reason}"))}); name it to redo");

        var added = to.Steps.Where(s => from.FindStep(s.Key) is null).Select(s => s.Key).ToList();
        List<StepActivity> activities =
        [
            .. toRedo.Select(k => new StepActivity(k, ActivityKind.Returned, actor.Id, now,
                new Dictionary<string, FieldValue> { [CaseEventActivities.ReturnedByField] = new TextValue(ReturnedBy) },
                $"to be redone on the move to {target}")),
            .. added.Select(k => new StepActivity(k, ActivityKind.Introduced, actor.Id, now, new Dictionary<string, FieldValue>(), $"added by the move to {target}")),
        ];
        var after = CaseEvaluator.Evaluate(to, state with { Activities = [.. state.Activities, .. activities] });

        return new MigrationPlan(
            added,
            [.. from.Steps.Where(s => to.FindStep(s.Key) is null).Select(s => s.Key)],
            [.. to.Steps.Where(s => from.FindStep(s.Key) is not null).Select(s => s.Key)],
            carried, lost,
            [.. before.Steps.Where(s => s is { Step.Kind: StepKind.SignOff, State: StepState.Completed })
                .Select(s => (s.Step.Key, After: after[s.Step.Key]))
                .Where(s => s.After is not { State: StepState.Completed })
                .Select(s => new ApprovalLapsing(s.Key, s.After is null ? $"{s.Key} is not in {target}" : s.After.Lapsed ?? Wording.NotActionable(s.After)))],
            [.. after.Steps.Where(s => s is { DueAt: not null, State: StepState.Blocked or StepState.Available or StepState.Returned })
                .Select(s => new NewDeadline(s.Step.Key, before[s.Step.Key]?.DueAt, s.DueAt!.Value))],
            toRedo, refusals, activities);
    }

    /// <summary>Steps whose completion holds answers to fields; sign-offs and the classification and closure decisions hold their own decision.</summary>
    private static bool HoldsAnswers(StepDefinition step) =>
        step.Kind is StepKind.Task || step.Decides == DecisionPurpose.Referral;

    private static void Compare(string key, IReadOnlyDictionary<string, FieldValue> answers, StepDefinition? step, string target,
        List<AnswerCarried> carried, List<AnswerLost> lost)
    {
        if (step is null)
        {
            lost.AddRange(answers.Keys.Select(f => new AnswerLost(key, f, $"{key} is not in {target}; its record stays in the case's history", Blocks: false)));
            return;
        }
        if (!HoldsAnswers(step))
        {
            lost.AddRange(answers.Keys.Select(f => new AnswerLost(key, f, $"{key} is a {step.Kind.ToString().ToLowerInvariant()} step in {target}", Blocks: true)));
            return;
        }
        // As B would read them from a user: the same rules, so a carried answer is one B could have been given.
        var (_, errors) = FieldCodec.Parse(step, answers.ToDictionary(a => a.Key, a => ClientJson(a.Value)));
        foreach (var field in answers.Keys)
        {
            if (errors.TryGetValue($"fields.{field}", out var why)) lost.Add(new AnswerLost(key, field, string.Join("; ", why), Blocks: true));
            else carried.Add(new AnswerCarried(key, field));
        }
        foreach (var (path, why) in errors.Where(e => !answers.ContainsKey(e.Key["fields.".Length..])))
            lost.Add(new AnswerLost(key, path["fields.".Length..], $"{string.Join("; ", why)} in {target}, never answered", Blocks: true));
    }

    /// <summary>A stored answer in the shape a client sends it (see <see cref="FieldCodec"/>).</summary>
    private static JsonElement ClientJson(FieldValue value) => value switch
    {
        BoolValue b => JsonSerializer.SerializeToElement(b.Value),
        TextValue t => JsonSerializer.SerializeToElement(t.Value),
        NumberValue n => JsonSerializer.SerializeToElement(n.Value),
        DateTimeValue d => JsonSerializer.SerializeToElement(d.Value.ToString("O", CultureInfo.InvariantCulture)),
        ChoiceValue c => JsonSerializer.SerializeToElement(c.Value),
        PersonValue p => JsonSerializer.SerializeToElement(new Dictionary<string, string?>
            { ["name"] = p.Name, ["role"] = p.Role, ["phone"] = p.Phone, ["email"] = p.Email, ["username"] = p.Username }),
        ListValue l => JsonSerializer.SerializeToElement(l.Items),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.GetType().Name, "unknown field value type"),
    };
}
