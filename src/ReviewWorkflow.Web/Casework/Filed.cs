namespace ReviewWorkflow.Web.Casework;

/// <summary>What a casework command did: the case outcome, and what was filed (a note, a document, an exhibit) when it was.</summary>
public sealed record Filed<T>(CaseOutcome Outcome, T? Value) where T : class
{
    public static implicit operator Filed<T>(CaseRefused refused) => new(refused, null);
}
