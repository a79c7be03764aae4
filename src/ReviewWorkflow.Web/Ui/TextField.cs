namespace ReviewWorkflow.Web.Ui;

/// <summary>
/// A GOV.UK text field (<c>/Ui/_TextField.cshtml</c>): label, hint, the message by the field when it is
/// wrong (element <c>{Id}-error</c>, holding just the message), and a textarea, or an input of
/// <see cref="Type"/>. Required fields are marked in words only where they are optional ("(optional)").
/// </summary>
public sealed record TextField(string Id, string Name, string Label, string? Value, string? Error)
{
    public string? Hint { get; init; }
    /// <summary>Null for a textarea; else the input's type ("text", "datetime-local"…).</summary>
    public string? Type { get; init; }
    public int Rows { get; init; } = 3;
    public bool Required { get; init; } = true;
    /// <summary>Whether an optional field's label says so; off on forms where every field is optional.</summary>
    public bool MarkOptional { get; init; } = true;
    public string? InputMode { get; init; }
    /// <summary>Words after the label seen only by screen readers (which candidate a repeated field is for).</summary>
    public string? LabelSuffix { get; init; }
    public string LabelSize { get; init; } = "govuk-label--s";
    /// <summary>A textarea's length limit, shown as it is typed by GOV.UK's character count (element <c>{Id}-info</c>).</summary>
    public int? MaxLength { get; init; }
}
