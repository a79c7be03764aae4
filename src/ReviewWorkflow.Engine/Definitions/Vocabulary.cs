using System.Text.RegularExpressions;

namespace ReviewWorkflow.Engine.Definitions;

/// <summary>The words a definition file may use, in one place so messages can list them.</summary>
internal static partial class Vocabulary
{
    public static readonly IReadOnlyDictionary<string, StepKind> Kinds = new Dictionary<string, StepKind>
    {
        ["task"] = StepKind.Task,
        ["linkage"] = StepKind.Linkage,
        ["family-information"] = StepKind.FamilyInformation,
        ["sign-off"] = StepKind.SignOff,
        ["decision"] = StepKind.Decision,
    };

    public static readonly IReadOnlyDictionary<string, FieldType> FieldTypes = new Dictionary<string, FieldType>
    {
        ["bool"] = FieldType.Bool,
        ["text"] = FieldType.Text,
        ["number"] = FieldType.Number,
        ["date-time"] = FieldType.DateTime,
        ["choice"] = FieldType.Choice,
        ["person"] = FieldType.Person,
        ["list"] = FieldType.List,
        ["user"] = FieldType.User,
    };

    public static readonly IReadOnlyDictionary<string, DecisionPurpose> Decisions = new Dictionary<string, DecisionPurpose>
    {
        ["classification"] = DecisionPurpose.Classification,
        ["referral"] = DecisionPurpose.Referral,
        ["closure"] = DecisionPurpose.Closure,
    };

    /// <summary>Facts the application derives about a case, readable in conditions as <c>case.fact</c>.</summary>
    public static readonly IReadOnlyDictionary<string, FieldType> CaseFacts = new Dictionary<string, FieldType>
    {
        ["linked"] = FieldType.Bool,
        ["referralRequested"] = FieldType.Bool,
        ["classification"] = FieldType.Choice,
        // Every category the case has been classified as, the current one included (F3, F7: a death
        // once thought a homicide and later "not suspicious" is exactly the move that needs review).
        ["classificationHistory"] = FieldType.List,
        ["markers"] = FieldType.List,
        ["substances"] = FieldType.List,
    };

    public static readonly IReadOnlyList<string> LinkageFactors =
        ["distance", "time", "substance", "profile", "markers", "sharedPerson", "namedInCircumstances"];

    public static readonly IReadOnlyList<string> NotifyTargets = ["assignee", "supervisor", "inspector"];

    public static readonly IReadOnlyList<string> RootKeys = ["key", "version", "title", "description", "roles", "escalation", "steps"];

    public static readonly IReadOnlyList<string> StepKeys =
    [
        "key", "title", "kind", "role", "due", "after", "when", "fields", "approves", "decides",
        "categories", "initial", "rationaleMinLength", "linkage", "escalation",
    ];

    public static readonly IReadOnlyList<string> FieldKeys = ["key", "label", "type", "required", "choices", "minLength", "maxLength", "maxItems", "persons", "substances"];

    public static readonly IReadOnlyList<string> CategoryKeys = ["key", "title", "requires", "clearedRegisters"];

    public static readonly IReadOnlyList<string> RungKeys = ["level", "after", "notify"];

    public static readonly IReadOnlyList<string> LinkageKeys = ["radiusKm", "windowDays", "threshold", "weights"];

    public static string List(IEnumerable<string> words) => string.Join(", ", words);

    /// <summary>Keys appear in conditions (<c>step.field</c>), so dots and spaces would make them unreadable there.</summary>
    public static bool IsKey(string text) => KeyPattern().IsMatch(text);

    public const string KeyRule = "use letters, digits, '-' and '_', starting with a letter";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex KeyPattern();
}
