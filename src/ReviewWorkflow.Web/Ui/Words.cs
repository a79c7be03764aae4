using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace ReviewWorkflow.Web.Ui;

/// <summary>
/// The engine's reasons and rules as an officer reads them on a page: steps, fields and categories by
/// their titles, never their keys; conditions as sentences; times in UK time. The API keeps the
/// engine's exact wording (clients match on it); only the pages translate.
/// </summary>
public static partial class Words
{
    // The case page words every step and reason on each read; the same definition gives the same
    // words, so each is worked out once (reasons naming a time vary, hence the bound).
    private static readonly ConditionalWeakTable<WorkflowDefinition, ConcurrentDictionary<string, string>> Reasons = new();
    private static readonly ConditionalWeakTable<Condition, string> Conditions = new();
    private const int MaxReasonsKept = 10_000;

    /// <summary>"initial-report: not completed" → "Initial report of the discovery is not completed."</summary>
    public static string Reason(WorkflowDefinition definition, string reason)
    {
        var known = Reasons.GetValue(definition, _ => new ConcurrentDictionary<string, string>(StringComparer.Ordinal));
        if (known.TryGetValue(reason, out var words)) return words;
        if (known.Count >= MaxReasonsKept) known.Clear();
        return known[reason] = Worded(definition, reason);
    }

    private static string Worded(WorkflowDefinition definition, string reason)
    {
        var text = UkTimes(reason);
        if (LeadingKey().Match(text) is { Success: true } m && definition.FindStep(m.Groups["key"].Value) is { } step)
        {
            var rest = m.Groups["rest"].Value;
            var sep = m.Groups["sep"].Value;
            text = sep == ":"
                ? rest.StartsWith("not ", StringComparison.Ordinal) ? $"{step.Title} is {rest}"
                : rest.StartsWith("returned ", StringComparison.Ordinal) ? $"{step.Title} was {rest}"
                : rest.StartsWith("still ", StringComparison.Ordinal) && step.InitialCategory is { } initial ? $"{step.Title}: the case is still classified “{Category(step, initial)}”"
                : $"{step.Title}: {rest}"
                : $"{step.Title} is {rest}";
        }
        return Sentence(StepKeys(definition, WaitsFor(definition, text)));
    }

    /// <summary>"initial-report (available)" → "Initial report of the discovery (available)".</summary>
    public static string WaitsFor(WorkflowDefinition definition, string text) =>
        KeyWithState().Replace(text, m => definition.FindStep(m.Groups["key"].Value) is { } s ? $"{s.Title} ({m.Groups["state"].Value})" : m.Value);

    /// <summary>Any step key of more than one word ("digital-devices") named in a reason, as its title.</summary>
    private static string StepKeys(WorkflowDefinition definition, string text) =>
        HyphenatedKey().Replace(text, m => definition.FindStep(m.Value) is { } s ? s.Title : m.Value);

    public static string StepTitle(WorkflowDefinition definition, string key) => definition.FindStep(key)?.Title ?? Display.Words(key);

    public static string Category(StepDefinition classification, string key) =>
        classification.Categories.FirstOrDefault(c => c.Key == key)?.Title ?? Display.Words(key);

    /// <summary>A step's <c>when</c> as a sentence: "Only when a note was found (Initial report of the discovery) or the case's markers include “Note found”".</summary>
    public static string When(WorkflowDefinition definition, Condition condition) =>
        Conditions.GetValue(condition, c => "Only when " + Condition(definition, c));

    private static string Condition(WorkflowDefinition d, Condition c) => c switch
    {
        AnyCondition any => string.Join(", or ", any.Terms.Select(t => Condition(d, t))),
        AllCondition all => string.Join(" and ", all.Terms.Select(t => Condition(d, t))),
        TruthyCondition t => Truthy(d, t.Ref),
        EqualsCondition e => $"{Ref(d, e.Ref)} {(e.Negated ? "is not" : "is")} “{Value(d, e.Ref, e.Value)}”",
        ContainsCondition k => $"{Ref(d, k.Ref)} include “{Display.Words(k.Value)}”",
        _ => c.Text,
    };

    private static string Truthy(WorkflowDefinition d, FieldReference r) => r.IsCaseFact
        ? r.Name switch
        {
            "linked" => "the case is linked to another death",
            "referralRequested" => "a homicide referral was requested",
            _ => $"{Ref(d, r)} is recorded",
        }
        : $"“{Field(d, r)}” is answered yes in {StepTitle(d, r.Scope)}";

    private static string Ref(WorkflowDefinition d, FieldReference r) => r.IsCaseFact
        ? r.Name switch
        {
            "classification" => "the case's classification",
            "classificationHistory" => "the case's past classifications",
            "markers" => "the case's markers",
            "substances" => "the substances found",
            _ => $"the case's {Display.Words(r.Name).ToLowerInvariant()}",
        }
        : $"the answer to “{Field(d, r)}” in {StepTitle(d, r.Scope)}";

    private static string Field(WorkflowDefinition d, FieldReference r) => d.FindStep(r.Scope)?.FindField(r.Name)?.Label ?? r.Name;

    private static string Value(WorkflowDefinition d, FieldReference r, string value) =>
        r.IsCaseFact && r.Name is "classification" or "classificationHistory" && d.StepDeciding(DecisionPurpose.Classification) is { } cls
            ? Category(cls, value)
            : Display.Words(value);

    /// <summary>Times the engine writes in UTC ("2026-11-24 08:15 UTC") shown in UK time, as every other time on the pages.</summary>
    public static string UkTimes(string text) => UtcTime().Replace(text, m =>
        DateTimeOffset.TryParseExact(m.Groups["t"].Value, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? Display.Time(at) : m.Value);

    private static string Sentence(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..] + (text.EndsWith('.') ? "" : ".");

    [GeneratedRegex(@"^(?<key>[a-z][a-z0-9]*(?:-[a-z0-9]+)*)(?<sep>:| is) (?<rest>.*)$", RegexOptions.Singleline)]
    private static partial Regex LeadingKey();

    [GeneratedRegex(@"(?<key>[a-z][a-z0-9]*(?:-[a-z0-9]+)*) \((?<state>[a-z ]+)\)")]
    private static partial Regex KeyWithState();

    [GeneratedRegex(@"(?<![\w-])[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?![\w-])")]
    private static partial Regex HyphenatedKey();

    [GeneratedRegex(@"(?<t>\d{4}-\d{2}-\d{2} \d{2}:\d{2}) UTC")]
    private static partial Regex UtcTime();
}
