namespace ReviewWorkflow.Engine.Definitions;

/// <summary>
/// Rules on the dependency graph (<c>after</c>, plus a sign-off's <c>approves</c>, since a sign-off
/// is blocked until what it approves is done): no cycles, and no step that can never become
/// available — such a step would sit on a checklist forever, or silently never apply.
/// </summary>
internal static class DependencyRules
{
    public static void Check(StepIndex steps, IReadOnlyDictionary<StepDraft, string> neverHold, Diagnostics errors)
    {
        ReportCycles(steps, errors);
        ReportUnreachable(steps, neverHold, errors);
    }

    private static void ReportCycles(StepIndex steps, Diagnostics errors)
    {
        foreach (var component in StronglyConnected(steps))
        {
            var start = component.OrderBy(s => s.Line).First();
            var cycle = ShortestCycle(start, component, steps);
            if (cycle is null)
            {
                continue;
            }

            var names = cycle.Select(edge => edge.Step.Name).Prepend(start.Name);
            errors.Add(cycle[0].Reference.Line, cycle[0].Reference.Path, $"dependency cycle: {string.Join(" -> ", names)}");
        }
    }

    /// <summary>Breadth-first, so the reported cycle is the shortest one through the first step of the component.</summary>
    private static List<(Located Reference, StepDraft Step)>? ShortestCycle(StepDraft start, IReadOnlySet<StepDraft> component, StepIndex steps)
    {
        var cameFrom = new Dictionary<StepDraft, (Located Reference, StepDraft From)>();
        var queue = new Queue<StepDraft>([start]);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            foreach (var (reference, next) in steps.DependenciesOf(current).Where(d => component.Contains(d.Step)))
            {
                if (next == start)
                {
                    var path = new List<(Located, StepDraft)> { (reference, start) };
                    for (var at = current; at != start; at = cameFrom[at].From)
                    {
                        path.Insert(0, (cameFrom[at].Reference, at));
                    }

                    return path;
                }

                if (cameFrom.TryAdd(next, (reference, current)))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return null;
    }

    /// <summary>Tarjan's algorithm; small graphs, so recursion depth is no concern.</summary>
    private static List<HashSet<StepDraft>> StronglyConnected(StepIndex steps)
    {
        var index = new Dictionary<StepDraft, int>();
        var low = new Dictionary<StepDraft, int>();
        var stack = new Stack<StepDraft>();
        var components = new List<HashSet<StepDraft>>();

        void Visit(StepDraft step)
        {
            index[step] = low[step] = index.Count;
            stack.Push(step);
            foreach (var (_, next) in steps.DependenciesOf(step))
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[step] = Math.Min(low[step], low[next]);
                }
                else if (stack.Contains(next))
                {
                    low[step] = Math.Min(low[step], index[next]);
                }
            }

            if (low[step] == index[step])
            {
                var component = new HashSet<StepDraft>();
                StepDraft member;
                do
                {
                    member = stack.Pop();
                    component.Add(member);
                }
                while (member != step);
                components.Add(component);
            }
        }

        foreach (var step in steps.All.Where(s => s.Key is not null && steps.Find(s.Key.Value) == s && !index.ContainsKey(s)))
        {
            Visit(step);
        }

        return components;
    }

    private static void ReportUnreachable(StepIndex steps, IReadOnlyDictionary<StepDraft, string> neverHold, Diagnostics errors)
    {
        var unreachable = new Dictionary<StepDraft, (int Line, string Path, string Message)>();
        foreach (var (step, reason) in neverHold)
        {
            unreachable[step] = (step.WhenText!.Line, step.WhenText.Path, $"step '{step.Name}' is unreachable: its condition can never hold: {reason}");
        }

        // Nothing happens after closure: the case is closed.
        foreach (var step in steps.All.Where(s => !s.IsClosure && !unreachable.ContainsKey(s)))
        {
            if (steps.DependenciesOf(step).FirstOrDefault(d => d.Step.IsClosure) is ({ } reference, { } closure))
            {
                unreachable[step] = (reference.Line, reference.Path, $"step '{step.Name}' is unreachable: it comes after the closure step '{closure.Name}'");
            }
        }

        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var step in steps.All.Where(s => !unreachable.ContainsKey(s)))
            {
                if (steps.DependenciesOf(step).FirstOrDefault(d => unreachable.ContainsKey(d.Step)) is ({ } reference, { } blocked))
                {
                    unreachable[step] = (reference.Line, reference.Path, $"step '{step.Name}' is unreachable: it depends on unreachable step '{blocked.Name}'");
                    changed = true;
                }
            }
        }

        foreach (var (line, path, message) in unreachable.Values)
        {
            errors.Add(line, path, message);
        }
    }
}
