namespace Gantry.Engine.Speculative;

/// <summary>
/// Proposes draft tokens for decoding sequences: for each proposal it fills <see cref="DraftProposal.Tokens"/>
/// with up to <see cref="DraftProposal.NumTokens"/> tokens that plausibly follow the sequence's tokens. It reads
/// sequences and never changes them; the speculative decoder hands its drafts to the scheduler. Proposals are
/// deterministic (a point mass), which keeps verification exact. Engine-loop thread only.
/// </summary>
public interface IProposer : IDisposable
{
    string Name { get; }

    void Propose(IReadOnlyList<DraftProposal> proposals);

    /// <summary>Drops any state held for a finished sequence.</summary>
    void Forget(long sequenceId);
}
