namespace ReviewWorkflow.Engine.Commands;

/// <summary>Shorthands for the refusals every command shares, so they read the same everywhere.</summary>
internal static class Refusals
{
    public static Refused Closed() => Refused.Because(RefusalKind.Conflict, "the case is closed");

    public static Refused UnknownStep(string stepKey) => Refused.Because(RefusalKind.NotFound, $"no step '{stepKey}' in this workflow");

    public static Refused Role(string requiredRole, string action) =>
        Refused.Because(RefusalKind.Forbidden, $"only {Wording.WithArticle(requiredRole)} may {action}");

    public static Refused NotActionable(StepStatus status) => Refused.Because(RefusalKind.Conflict, Wording.NotActionable(status));

    /// <summary>Bad input: errors keyed by field path, and the same in sentences for a summary.</summary>
    public static Refused Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(RefusalKind.Invalid,
            [.. errors.SelectMany(e => e.Value.Select(message => $"{e.Key}: {message}"))],
            errors);
}
