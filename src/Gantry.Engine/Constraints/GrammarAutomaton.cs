using System.Runtime.InteropServices;

namespace Gantry.Engine.Constraints;

/// <summary>
/// Matches bytes against a <see cref="Grammar"/> as a pushdown automaton whose configurations are built lazily
/// into a deterministic automaton: a state is a set of parse stacks, and each (state, byte) transition is computed
/// once, then read from a table.
/// </summary>
/// <remarks>
/// Design (llama.cpp's grammar engine, made deterministic and memoised):
/// <list type="bullet">
/// <item>A stack is a chain of interned nodes (element position, parent node). The top position is always a byte
/// set; a parent's position is the element to continue with once the child rule finishes. Interning makes equal
/// stacks the same integer, so a set of stacks is a sorted int array and can itself be interned as a state.</item>
/// <item>Entering a rule whose reference is the last element of its alternative reuses the parent directly (tail
/// call), so right-recursive repetition (<c>x* ::= x x* | ε</c>) keeps the stack flat: inside a JSON string, every
/// character leads back to the same state and the tables stay small.</item>
/// <item>Each state knows its distance: the fewest bytes that complete the text from there, which is what lets a
/// generation close its JSON before the token budget runs out.</item>
/// </list>
/// Owned by one thread (the engine loop): the tables grow as new states are met. Memory grows with the number of
/// distinct states visited (deep nesting makes new ones), 1 KB of transitions each.
/// </remarks>
public sealed class GrammarAutomaton
{
    /// <summary>No text continues from here.</summary>
    public const int Dead = -1;
    private const int Unknown = -2;

    private readonly Grammar _grammar;
    private readonly List<int> _nodePos = [];
    private readonly List<int> _nodeParent = [];
    private readonly List<int> _nodeDistance = [];
    private readonly Dictionary<long, int> _nodeIds = [];
    private readonly List<int[]> _stateNodes = [];
    private readonly List<bool> _stateAccepting = [];
    private readonly List<int> _stateDistance = [];
    private readonly List<int[]> _transitions = [];
    private readonly Dictionary<StateKey, int> _stateIds = [];
    private readonly List<int> _scratch = [];
    private readonly HashSet<long> _entered = [];
    private bool _scratchAccepting;

    public GrammarAutomaton(Grammar grammar)
    {
        ArgumentNullException.ThrowIfNull(grammar);
        _grammar = grammar;
        BeginExpansion();
        foreach (var alt in grammar.RuleAlternatives[grammar.Root]) Enter(alt, -1);
        Start = InternState();
    }

    public Grammar Grammar => _grammar;

    /// <summary>The state before any byte.</summary>
    public int Start { get; }

    /// <summary>How many states have been built so far.</summary>
    public int StateCount => _stateNodes.Count;

    /// <summary>Whether the bytes read so far form a complete text of the grammar.</summary>
    public bool IsAccepting(int state) => state >= 0 && _stateAccepting[state];

    /// <summary>Fewest further bytes that complete the text (0 when accepting).</summary>
    public int Distance(int state) => state < 0 ? GrammarAnalysis.Unbounded : _stateDistance[state];

    /// <summary>The state after <paramref name="b"/>, or <see cref="Dead"/>. Table lookup once computed.</summary>
    public int Next(int state, byte b)
    {
        var row = _transitions[state];
        var next = row[b];
        if (next != Unknown) return next;
        next = Compute(state, b);
        row[b] = next;
        return next;
    }

    /// <summary>The state after all of <paramref name="bytes"/>, or <see cref="Dead"/>.</summary>
    public int Next(int state, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (state < 0) return Dead;
            state = Next(state, b);
        }
        return state;
    }

    /// <summary>Whether any byte can follow (false for a state that only accepts).</summary>
    public bool CanContinue(int state) => state >= 0 && _stateNodes[state].Length > 0;

    private int Compute(int state, byte b)
    {
        BeginExpansion();
        foreach (var node in _stateNodes[state])
        {
            var pos = _nodePos[node];
            if (_grammar.Matches(pos, b)) Enter(pos + 1, _nodeParent[node]);
        }
        return InternState();
    }

    private void BeginExpansion()
    {
        _scratch.Clear();
        _entered.Clear();
        _scratchAccepting = false;
    }

    /// <summary>Expands (position, parent) until every resulting stack has a byte set on top; collects them in the scratch.</summary>
    private void Enter(int pos, int parent)
    {
        if (!_entered.Add(((long)pos << 32) | (uint)parent)) return;
        var kinds = _grammar.Kinds;
        switch (kinds[pos])
        {
            case ElementKind.End:
                if (parent < 0)
                    _scratchAccepting = true;
                else
                    Enter(_nodePos[parent], _nodeParent[parent]);
                break;
            case ElementKind.ByteSet:
                _scratch.Add(Intern(pos, parent));
                break;
            default:
                var continuation = kinds[pos + 1] == ElementKind.End ? parent : Intern(pos + 1, parent);
                foreach (var alt in _grammar.RuleAlternatives[_grammar.Operands[pos]]) Enter(alt, continuation);
                break;
        }
    }

    private int Intern(int pos, int parent)
    {
        var key = ((long)pos << 32) | (uint)parent;
        if (_nodeIds.TryGetValue(key, out var id)) return id;
        id = _nodePos.Count;
        _nodePos.Add(pos);
        _nodeParent.Add(parent);
        var below = parent < 0 ? 0 : _nodeDistance[parent];
        _nodeDistance.Add((int)Math.Min(GrammarAnalysis.Unbounded, (long)_grammar.MinRest[pos] + below));
        _nodeIds[key] = id;
        return id;
    }

    private int InternState()
    {
        if (_scratch.Count == 0 && !_scratchAccepting) return Dead;
        _scratch.Sort();
        var nodes = new List<int>(_scratch.Count);
        foreach (var n in _scratch)
            if (nodes.Count == 0 || nodes[^1] != n) nodes.Add(n);
        var key = new StateKey([.. nodes], _scratchAccepting);
        if (_stateIds.TryGetValue(key, out var id)) return id;
        id = _stateNodes.Count;
        _stateNodes.Add(key.Nodes);
        _stateAccepting.Add(_scratchAccepting);
        var distance = _scratchAccepting ? 0 : GrammarAnalysis.Unbounded;
        foreach (var n in key.Nodes) distance = Math.Min(distance, _nodeDistance[n]);
        _stateDistance.Add(distance);
        var row = new int[256];
        Array.Fill(row, Unknown);
        _transitions.Add(row);
        _stateIds[key] = id;
        return id;
    }

    private readonly struct StateKey(int[] nodes, bool accepting) : IEquatable<StateKey>
    {
        private readonly int _hash = Hash(nodes, accepting);

        public int[] Nodes { get; } = nodes;

        public bool Accepting { get; } = accepting;

        public bool Equals(StateKey other) => _hash == other._hash && Accepting == other.Accepting && Nodes.AsSpan().SequenceEqual(other.Nodes);

        public override bool Equals(object? obj) => obj is StateKey k && Equals(k);

        public override int GetHashCode() => _hash;

        private static int Hash(int[] nodes, bool accepting)
        {
            var h = new HashCode();
            h.Add(accepting);
            h.AddBytes(MemoryMarshal.AsBytes(nodes.AsSpan()));
            return h.ToHashCode();
        }
    }
}
