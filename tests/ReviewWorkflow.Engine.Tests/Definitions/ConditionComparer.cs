using ReviewWorkflow.Engine.Definitions;

namespace ReviewWorkflow.Engine.Tests.Definitions;

/// <summary>Records compare lists by reference; conditions are trees, so compare them by shape and text.</summary>
internal sealed class ConditionComparer : IEqualityComparer<Condition?>
{
    public bool Equals(Condition? x, Condition? y) => (x, y) switch
    {
        (null, null) => true,
        (AnyCondition a, AnyCondition b) => a.Text == b.Text && a.Terms.SequenceEqual(b.Terms, this),
        (AllCondition a, AllCondition b) => a.Text == b.Text && a.Terms.SequenceEqual(b.Terms, this),
        _ => x == y,
    };

    public int GetHashCode(Condition? obj) => obj?.Text.GetHashCode() ?? 0;
}
