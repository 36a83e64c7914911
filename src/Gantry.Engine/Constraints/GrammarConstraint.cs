namespace Gantry.Engine.Constraints;

/// <summary>
/// One sequence's position in its grammar: which tokens may come next, and the state after each accepted token.
/// The state is two integers (automaton state, tokens left), so a speculative step saves it with
/// <see cref="Save"/> and rolls back rejected drafts with <see cref="Restore"/>.
/// </summary>
/// <remarks>
/// Engine-loop thread only. The token budget makes the guarantee that a constrained text is complete when the
/// sequence stops at <c>max_tokens</c>: once few tokens are left, only tokens after which the grammar can still be
/// closed one byte per token are allowed (exact when the vocabulary has every single byte; see
/// <see cref="TokenTrie.HasEverySingleByte"/>).
/// </remarks>
public sealed class GrammarConstraint
{
    private readonly TokenMasker _masker;
    private int _state;
    private int _remaining;

    /// <param name="maxTokens">Tokens the sequence may generate in all (int.MaxValue: no budget).</param>
    public GrammarConstraint(TokenMasker masker, int maxTokens = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(masker);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxTokens);
        _masker = masker;
        _state = masker.Automaton.Start;
        _remaining = maxTokens;
    }

    public TokenMasker Masker => _masker;

    /// <summary>Whether the tokens so far form a complete text (an end-of-generation token is allowed).</summary>
    public bool IsAccepting => _masker.Automaton.IsAccepting(_state);

    /// <summary>True once an end-of-generation token was accepted, or when nothing may follow.</summary>
    public bool IsFinished { get; private set; }

    /// <summary>Tokens the sequence may still generate.</summary>
    public int RemainingTokens => _remaining;

    /// <summary>Fills the allowed-token bits for the next token; returns how many are allowed.</summary>
    public int FillMask(Span<ulong> mask) => _masker.Fill(IsFinished ? GrammarAutomaton.Dead : _state, _remaining, mask);

    /// <summary>
    /// Whether the grammar lets <paramref name="token"/> come next (for checking speculative drafts before
    /// verification; ignores the token budget, which the verifier's mask applies).
    /// </summary>
    public bool Allows(int token)
    {
        if (IsFinished) return false;
        if (IsEndOfGeneration(token)) return IsAccepting;
        var bytes = _masker.Trie.TokenBytes(token);
        return !bytes.IsEmpty && _masker.Automaton.Next(_state, bytes) >= 0;
    }

    /// <summary>
    /// Advances past a generated token. Returns false, changing nothing, when the grammar does not allow it.
    /// </summary>
    public bool Accept(int token)
    {
        if (IsFinished) return false;
        if (IsEndOfGeneration(token))
        {
            if (!IsAccepting) return false;
            IsFinished = true;
            _remaining--;
            return true;
        }
        var bytes = _masker.Trie.TokenBytes(token);
        if (bytes.IsEmpty) return false;
        var next = _masker.Automaton.Next(_state, bytes);
        if (next < 0) return false;
        _state = next;
        _remaining--;
        if (!_masker.Automaton.CanContinue(next) && _masker.Trie.EndOfGenerationTokens.Length == 0) IsFinished = true;
        return true;
    }

    /// <summary>The state to come back to after rejected drafts.</summary>
    public Snapshot Save() => new(_state, _remaining, IsFinished);

    public void Restore(Snapshot snapshot)
    {
        _state = snapshot.State;
        _remaining = snapshot.Remaining;
        IsFinished = snapshot.Finished;
    }

    private bool IsEndOfGeneration(int token) => Array.IndexOf(_masker.Trie.EndOfGenerationTokens, token) >= 0;

    /// <summary>A saved <see cref="GrammarConstraint"/> position.</summary>
    public readonly record struct Snapshot(int State, int Remaining, bool Finished);
}
