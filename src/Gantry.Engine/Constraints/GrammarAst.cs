namespace Gantry.Engine.Constraints;

/// <summary>
/// The parsed form of a GBNF grammar before it is lowered to bytes (<see cref="GrammarLowering"/>): each rule is a
/// choice of sequences of these nodes. Positions are kept for error messages.
/// </summary>
internal abstract record GrammarNode;

/// <summary>Exact text, as UTF-8 bytes.</summary>
internal sealed record LiteralNode(byte[] Bytes) : GrammarNode;

/// <summary>One code point from a set (<c>[a-z]</c>, <c>[^"]</c>, <c>.</c>).</summary>
internal sealed record CharClassNode(CodePointSet Set) : GrammarNode;

/// <summary>A reference to a named rule, with where it was written.</summary>
internal sealed record RuleRefNode(string Name, int Line, int Column) : GrammarNode;

/// <summary>Items matched one after another.</summary>
internal sealed record SequenceNode(IReadOnlyList<GrammarNode> Items) : GrammarNode;

/// <summary>Exactly one of the alternatives.</summary>
internal sealed record ChoiceNode(IReadOnlyList<GrammarNode> Alternatives) : GrammarNode;

/// <summary>The item between <paramref name="Min"/> and <paramref name="Max"/> times (null: unbounded).</summary>
internal sealed record RepeatNode(GrammarNode Item, int Min, int? Max) : GrammarNode;

/// <summary>One rule of a parsed grammar: its name, body and where it was defined.</summary>
internal sealed record RuleDefinition(string Name, ChoiceNode Body, int Line, int Column);
