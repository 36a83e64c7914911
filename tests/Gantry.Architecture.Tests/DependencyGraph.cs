namespace Gantry.Architecture.Tests;

/// <summary>A directed graph of names (namespaces or assemblies) with the loops and order checks the rules need.</summary>
public sealed class DependencyGraph
{
    private readonly SortedDictionary<string, SortedSet<string>> _edges = new(StringComparer.Ordinal);

    public IEnumerable<string> Nodes => _edges.Keys;

    public void AddNode(string node)
    {
        if (!_edges.ContainsKey(node)) _edges[node] = new SortedSet<string>(StringComparer.Ordinal);
    }

    /// <summary>Adds <paramref name="from"/> → <paramref name="to"/>; self-edges are ignored (a folder may use itself).</summary>
    public void AddEdge(string from, string to)
    {
        AddNode(from);
        AddNode(to);
        if (from != to) _edges[from].Add(to);
    }

    public IReadOnlySet<string> Targets(string node) => _edges.TryGetValue(node, out var t) ? t : new SortedSet<string>();

    /// <summary>
    /// Every import loop: the strongly connected components with more than one node (Tarjan 1972), each sorted,
    /// so a loop A → B → C → A comes back once as [A, B, C].
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Loops()
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var loops = new List<IReadOnlyList<string>>();
        var next = 0;

        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in _edges[v])
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do
            {
                x = stack.Pop();
                onStack.Remove(x);
                component.Add(x);
            } while (x != v);
            if (component.Count > 1) loops.Add(component.Order(StringComparer.Ordinal).ToArray());
        }

        foreach (var v in _edges.Keys)
            if (!index.ContainsKey(v)) Visit(v);
        return loops;
    }

    /// <summary>Edges that point to a node not earlier in <paramref name="order"/> (nodes outside it are ignored).</summary>
    public IReadOnlyList<string> UpwardEdges(IReadOnlyList<string> order)
    {
        var rank = order.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i);
        return _edges.SelectMany(e => e.Value.Select(t => (From: e.Key, To: t)))
            .Where(e => rank.ContainsKey(e.From) && rank.ContainsKey(e.To) && rank[e.To] >= rank[e.From])
            .Select(e => $"{e.From} -> {e.To}")
            .ToArray();
    }
}
