namespace Gantry.Engine.Constraints;

/// <summary>What one grammar element matches.</summary>
internal enum ElementKind : byte
{
    /// <summary>Ends an alternative.</summary>
    End,

    /// <summary>One byte from a set (operand: set index).</summary>
    ByteSet,

    /// <summary>A whole rule (operand: rule id).</summary>
    RuleRef,
}

/// <summary>
/// A context-free grammar over bytes, the one form every constraint compiles to (GBNF, JSON schema, regex, choice).
/// Terminals are byte sets, so a multi-byte character is a short sequence of them and a token that ends in the
/// middle of a character is matched like any other prefix.
/// </summary>
/// <remarks>
/// Layout follows llama.cpp's grammar engine: every alternative is a run of elements in one flat array, closed by
/// <see cref="ElementKind.End"/>. The grammar is immutable and thread-safe; matching state lives in
/// <see cref="GrammarAutomaton"/>. Invariants checked at construction: the root rule exists, every rule referenced
/// from it can finish (has a finite derivation), and no rule is left-recursive, so expanding a stack terminates.
/// </remarks>
public sealed class Grammar
{
    internal Grammar(ElementKind[] kinds, int[] operands, int[][] ruleAlternatives, string[] ruleNames, ulong[] byteSets, int root, int[] minRest, string source)
    {
        Kinds = kinds;
        Operands = operands;
        RuleAlternatives = ruleAlternatives;
        RuleNames = ruleNames;
        ByteSets = byteSets;
        Root = root;
        MinRest = minRest;
        Source = source;
    }

    /// <summary>(elements) kind of each element.</summary>
    internal ElementKind[] Kinds { get; }

    /// <summary>(elements) byte-set index or rule id, by kind.</summary>
    internal int[] Operands { get; }

    /// <summary>(rules)(alternatives) index of each alternative's first element.</summary>
    internal int[][] RuleAlternatives { get; }

    internal string[] RuleNames { get; }

    /// <summary>(sets × 4) 256-bit membership masks.</summary>
    internal ulong[] ByteSets { get; }

    internal int Root { get; }

    /// <summary>(elements) fewest bytes that complete the alternative from this element on (0 at End).</summary>
    internal int[] MinRest { get; }

    /// <summary>The GBNF text the grammar was compiled from (for logs and cache keys).</summary>
    public string Source { get; }

    public int ElementCount => Kinds.Length;

    /// <summary>Fewest bytes of any complete text (the root rule's shortest derivation).</summary>
    public int MinLength => RuleAlternatives[Root].Min(a => MinRest[a]);

    /// <summary>Compiles GBNF text; the start rule is <c>root</c>. Throws <see cref="GrammarSyntaxException"/>.</summary>
    public static Grammar Parse(string gbnf) => GrammarLowering.Lower(GbnfParser.Parse(gbnf), gbnf);

    internal bool Matches(int element, byte b) => (ByteSets[Operands[element] * 4 + (b >> 6)] >> (b & 63) & 1) != 0;

    /// <summary>Whether the whole of <paramref name="text"/> is in the language (reference matcher for tests and validation).</summary>
    public bool Accepts(ReadOnlySpan<byte> text)
    {
        var automaton = new GrammarAutomaton(this);
        var state = automaton.Start;
        foreach (var b in text)
        {
            state = automaton.Next(state, b);
            if (state < 0) return false;
        }
        return automaton.IsAccepting(state);
    }
}
