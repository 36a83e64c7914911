using Gantry.Models.Tokenizers;

namespace Gantry.Engine.Constraints;

/// <summary>
/// One engine's constraint machinery for one model: the vocabulary's token trie (built on the first constrained
/// request), a <see cref="TokenMasker"/> per grammar in use (so every sequence with the same grammar shares its
/// automaton and cached masks: a batch of requests with one schema computes each mask once), and the mask timings.
/// </summary>
/// <remarks>
/// Engine-loop thread only. Grammars are compared by reference: callers that see the same schema often (the server)
/// keep one <see cref="Grammar"/> per schema. At most <see cref="MaxGrammars"/> maskers are kept; the least recently
/// used goes first (sequences that hold it keep working with their own reference).
/// </remarks>
public sealed class ConstraintCache(ITokenizer tokenizer)
{
    public const int MaxGrammars = 64;

    private readonly Dictionary<Grammar, (TokenMasker Masker, long LastUse)> _maskers = new(ReferenceEqualityComparer.Instance);
    private TokenTrie? _trie;
    private long _uses;

    public MaskTimings Timings { get; } = new();

    public TokenTrie Trie => _trie ??= new TokenTrie(tokenizer);

    /// <summary>A fresh constraint for one sequence that may generate up to <paramref name="maxTokens"/> tokens.</summary>
    public GrammarLogitsProcessor Create(Grammar grammar, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(grammar);
        return new GrammarLogitsProcessor(new GrammarConstraint(Masker(grammar), maxTokens), Timings);
    }

    private TokenMasker Masker(Grammar grammar)
    {
        _uses++;
        if (_maskers.TryGetValue(grammar, out var entry))
        {
            _maskers[grammar] = (entry.Masker, _uses);
            return entry.Masker;
        }
        if (_maskers.Count >= MaxGrammars)
        {
            var oldest = _maskers.MinBy(e => e.Value.LastUse).Key;
            _maskers.Remove(oldest);
        }
        var masker = new TokenMasker(new GrammarAutomaton(grammar), Trie);
        _maskers[grammar] = (masker, _uses);
        return masker;
    }
}
