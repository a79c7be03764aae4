namespace ReviewWorkflow.Web.CaseFile;

/// <summary><c>Event</c>: an audit event's line, kept on the page of the hash that follows it.</summary>
public enum LineStyle { Title, Heading, Subheading, Field, Text, Event, Note, Hash }

/// <summary>One line or paragraph of the case file, before it is laid out on pages.</summary>
public sealed record CaseFileLine(LineStyle Style, string Text, string? Label = null, int Indent = 0);
