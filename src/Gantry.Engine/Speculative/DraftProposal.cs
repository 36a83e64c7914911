namespace Gantry.Engine.Speculative;

/// <summary>One sequence's request for drafts and the proposer's answer (reused step after step for that sequence).</summary>
public sealed class DraftProposal(Sequence sequence)
{
    /// <summary>The sequence to continue (read only).</summary>
    public Sequence Sequence { get; } = sequence;

    /// <summary>Most draft tokens wanted this step.</summary>
    public int NumTokens { get; set; }

    /// <summary>The proposed tokens, empty when the proposer is called; the proposer adds at most <see cref="NumTokens"/>.</summary>
    public List<int> Tokens { get; } = [];
}
