using System.Diagnostics;

namespace Gantry.Engine.Constraints;

/// <summary>
/// Turns parsed rules into the flat byte-level <see cref="Grammar"/>: literals become one byte set per byte, a
/// character class one byte set (ASCII) or a helper rule of UTF-8 sequences, groups with several alternatives and
/// repetitions become helper rules. Repetition is right-recursive (<c>x* ::= x x* | ε</c>) so the matcher's
/// tail-call elision keeps the stack flat, and bounded repetition is a chain of nested optionals.
/// </summary>
internal sealed class GrammarLowering
{
    /// <summary>Largest count allowed in <c>{m,n}</c>.</summary>
    public const int MaxRepetition = 100_000;

    /// <summary>Largest grammar (in elements) compiled: bounds memory for hostile inputs.</summary>
    public const int MaxElements = 4_000_000;

    private readonly List<List<List<Atom>>> _rules = [];
    private readonly List<string> _names = [];
    private readonly List<(int Line, int Column)> _origins = [];
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<CodePointSet, int> _classRules = [];
    private readonly Dictionary<(ulong, ulong, ulong, ulong), int> _setIds = [];
    private readonly List<ulong> _sets = [];
    private long _atoms;

    private readonly record struct Atom(ElementKind Kind, int Operand);

    public static Grammar Lower(List<RuleDefinition> definitions, string source)
    {
        var lowering = new GrammarLowering();
        foreach (var d in definitions) lowering._ids.Add(d.Name, lowering.NewRule(d.Name, (d.Line, d.Column)));
        if (!lowering._ids.TryGetValue("root", out var root))
            throw new GrammarSyntaxException("the grammar has no 'root' rule", 1, 1);
        foreach (var d in definitions)
        {
            var id = lowering._ids[d.Name];
            lowering._rules[id] = lowering.LowerChoice(d.Body, id);
        }
        return lowering.Build(root, source);
    }

    private int NewRule(string name, (int, int) origin)
    {
        var id = _rules.Count;
        _rules.Add([]);
        _names.Add(name);
        _origins.Add(origin);
        return id;
    }

    /// <summary>A rule made by lowering, named after the user rule it came from (for messages); not referable by name.</summary>
    private int HelperRule(int owner, List<List<Atom>> alternatives)
    {
        var id = NewRule($"{_names[owner]}-{_rules.Count}", _origins[owner]);
        _rules[id] = alternatives;
        return id;
    }

    private List<List<Atom>> LowerChoice(ChoiceNode choice, int owner)
    {
        var result = new List<List<Atom>>(choice.Alternatives.Count);
        foreach (var alt in choice.Alternatives)
        {
            var atoms = new List<Atom>();
            LowerInto(alt, atoms, owner);
            result.Add(atoms);
        }
        return result;
    }

    private void LowerInto(GrammarNode node, List<Atom> atoms, int owner)
    {
        switch (node)
        {
            case LiteralNode lit:
                foreach (var b in lit.Bytes) atoms.Add(new Atom(ElementKind.ByteSet, SetOf([(b, b)])));
                break;
            case CharClassNode cls:
                atoms.Add(ClassAtom(cls.Set, owner));
                break;
            case RuleRefNode r:
                if (!_ids.TryGetValue(r.Name, out var id))
                    throw new GrammarSyntaxException($"undefined rule '{r.Name}'", r.Line, r.Column);
                atoms.Add(new Atom(ElementKind.RuleRef, id));
                break;
            case SequenceNode seq:
                foreach (var item in seq.Items) LowerInto(item, atoms, owner);
                break;
            case ChoiceNode choice when choice.Alternatives.Count == 1:
                LowerInto(choice.Alternatives[0], atoms, owner);
                break;
            case ChoiceNode choice:
                atoms.Add(new Atom(ElementKind.RuleRef, HelperRule(owner, LowerChoice(choice, owner))));
                break;
            case RepeatNode rep:
                LowerRepeat(rep, atoms, owner);
                break;
            default:
                throw new UnreachableException(node.GetType().Name);
        }
        Count(node is LiteralNode l ? l.Bytes.Length : node is CharClassNode or RuleRefNode ? 1 : 0, owner);
    }

    /// <summary>Counts elements as they are made, refusing grammars whose expansion would exhaust memory.</summary>
    private void Count(long elements, int owner)
    {
        _atoms += elements;
        if (_atoms > MaxElements)
            throw new GrammarSyntaxException($"grammar too large (over {MaxElements} elements once repetitions are expanded)", _origins[owner].Line, _origins[owner].Column);
    }

    private void LowerRepeat(RepeatNode rep, List<Atom> atoms, int owner)
    {
        var item = new List<Atom>();
        LowerInto(rep.Item, item, owner);
        Count((long)(item.Count + 2) * Math.Max(rep.Min, rep.Max ?? rep.Min), owner);
        for (var i = 0; i < rep.Min; i++) atoms.AddRange(item);
        var parent = owner;
        if (rep.Max is null)
        {
            // star ::= item star | ε
            var star = HelperRule(parent, []);
            _rules[star] = [[.. item, new Atom(ElementKind.RuleRef, star)], []];
            atoms.Add(new Atom(ElementKind.RuleRef, star));
            return;
        }
        var optional = -1;
        for (var k = 0; k < rep.Max.Value - rep.Min; k++)
        {
            // opt_k ::= item opt_(k-1) | ε ; opt_1 ::= item | ε
            List<Atom> body = [.. item];
            if (optional >= 0) body.Add(new Atom(ElementKind.RuleRef, optional));
            optional = HelperRule(parent, [body, []]);
        }
        if (optional >= 0) atoms.Add(new Atom(ElementKind.RuleRef, optional));
    }

    private Atom ClassAtom(CodePointSet set, int owner)
    {
        if (set.IsEmpty) throw new GrammarSyntaxException("character class matches no character", _origins[owner].Line, _origins[owner].Column);
        if (set.Ranges[^1].Hi < 0x80) return new Atom(ElementKind.ByteSet, SetOf(set.Ranges.Select(r => ((byte)r.Lo, (byte)r.Hi))));
        if (_classRules.TryGetValue(set, out var cached)) return new Atom(ElementKind.RuleRef, cached);
        var singles = new List<(byte, byte)>();
        var alternatives = new List<List<Atom>>();
        foreach (var seq in Utf8Sequences.Of(set))
        {
            if (seq.Length == 1)
                singles.Add(seq[0]);
            else
                alternatives.Add([.. seq.Select(r => new Atom(ElementKind.ByteSet, SetOf([r])))]);
        }
        if (singles.Count > 0) alternatives.Insert(0, [new Atom(ElementKind.ByteSet, SetOf(singles))]);
        var id = HelperRule(owner, alternatives);
        _classRules[set] = id;
        return new Atom(ElementKind.RuleRef, id);
    }

    private int SetOf(IEnumerable<(byte Lo, byte Hi)> ranges)
    {
        Span<ulong> bits = stackalloc ulong[4];
        foreach (var (lo, hi) in ranges)
            for (var b = (int)lo; b <= hi; b++) bits[b >> 6] |= 1UL << (b & 63);
        var key = (bits[0], bits[1], bits[2], bits[3]);
        if (_setIds.TryGetValue(key, out var id)) return id;
        id = _sets.Count / 4;
        _sets.AddRange(bits);
        _setIds[key] = id;
        return id;
    }

    private Grammar Build(int root, string source)
    {
        var kinds = new List<ElementKind>();
        var operands = new List<int>();
        var alternatives = new int[_rules.Count][];
        for (var r = 0; r < _rules.Count; r++)
        {
            alternatives[r] = new int[_rules[r].Count];
            for (var a = 0; a < _rules[r].Count; a++)
            {
                alternatives[r][a] = kinds.Count;
                foreach (var atom in _rules[r][a])
                {
                    kinds.Add(atom.Kind);
                    operands.Add(atom.Operand);
                }
                kinds.Add(ElementKind.End);
                operands.Add(0);
            }
        }
        var k = kinds.ToArray();
        var o = operands.ToArray();
        var minRest = GrammarAnalysis.Check(k, o, alternatives, root, _names, _origins);
        return new Grammar(k, o, alternatives, [.. _names], [.. _sets], root, minRest, source);
    }
}
