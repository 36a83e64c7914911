using Gantry.Engine.Scheduling;

namespace Gantry.Engine.Speculative;

/// <summary>
/// Proposes draft tokens for decoding sequences. For each sequence it fills <see cref="Sequence.DraftTokens"/>
/// with up to <see cref="Sequence.SpeculativeLength"/> tokens that plausibly follow <see cref="Sequence.Tokens"/>.
/// Proposals are deterministic (a point mass), which keeps verification exact. Engine-loop thread only.
/// </summary>
public interface IProposer : IDisposable
{
    string Name { get; }

    void Propose(IReadOnlyList<Sequence> sequences);

    /// <summary>Drops any state held for a finished sequence.</summary>
    void Forget(Sequence sequence);
}
