namespace ReviewWorkflow.Web.CaseFile;

public enum LineStyle { Title, Heading, Subheading, Field, Text, Note, Hash }

/// <summary>One line or paragraph of the case file, before it is laid out on pages.</summary>
public sealed record CaseFileLine(LineStyle Style, string Text, string? Label = null, int Indent = 0);
