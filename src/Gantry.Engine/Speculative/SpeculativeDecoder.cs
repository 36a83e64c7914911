using System.Runtime.InteropServices;
using Gantry.Engine.Sampling;
using Gantry.Engine.Scheduling;
using Gantry.Models;
using Gantry.Tensors.Kernels;

namespace Gantry.Engine.Speculative;

/// <summary>
/// Speculative decoding around the engine step: before scheduling, <see cref="Propose"/> asks the proposer for
/// drafts for every decoding sequence and hands them to the scheduler; after the forward pass, <see cref="Verify"/>
/// checks a sequence's drafts against the target's logits row by row (exactly, through the sampler) and adapts
/// how many drafts that sequence gets next. The scheduler's update then keeps the verified tokens and rolls back
/// the rest. The per-sequence draft length lives here, not in the sequence. Engine-loop thread only.
/// </summary>
internal sealed class SpeculativeDecoder : IDisposable
{
    /// <summary>Steps a sequence decodes plainly after even a single draft was rejected (failed drafts cost a verify pass).</summary>
    private const int CooldownSteps = 8;

    private readonly IProposer _proposer;
    private readonly SpeculativeOptions _options;
    private readonly int _contextLength;
    private readonly Dictionary<long, SequenceSpeculation> _sequences = [];
    private readonly List<DraftProposal> _proposals = [];

    private SpeculativeDecoder(IProposer proposer, SpeculativeOptions options, int contextLength)
    {
        _proposer = proposer;
        _options = options;
        _contextLength = contextLength;
    }

    /// <summary>Draft tokens proposed and verified, accepted ones, and verification passes (one per sequence per step with drafts).</summary>
    public long DraftedTokens { get; private set; }

    public long AcceptedTokens { get; private set; }

    public long Verifications { get; private set; }

    /// <summary>The decoder <paramref name="options"/> ask for, or null when speculation is off.</summary>
    /// <param name="tokenSlots">Token slots of the target's KV cache (a draft model gets as many).</param>
    public static SpeculativeDecoder? Create(SpeculativeOptions options, ILanguageModel target, int blockSize, int tokenSlots)
    {
        options.Validate();
        IProposer? proposer = options.Method switch
        {
            SpeculativeMethod.Ngram => new NgramProposer(options.NgramMin, options.NgramMax),
            SpeculativeMethod.Draft => new DraftModelProposer(options.DraftModel!, target, blockSize, tokenSlots),
            _ => null,
        };
        return proposer is null ? null : new SpeculativeDecoder(proposer, options, target.Info.ContextLength);
    }

    /// <summary>Proposes drafts for every running sequence that is decoding (not prefilling) and hands them to the scheduler.</summary>
    public void Propose(Scheduler scheduler)
    {
        _proposals.Clear();
        foreach (var seq in scheduler.Running)
        {
            if (seq.NumUncomputedTokens != 1) continue;
            ref var state = ref CollectionsMarshal.GetValueRefOrAddDefault(_sequences, seq.Id, out _);
            // A sequence starts at the full draft length (its first decode step follows the prefill's token, so
            // its output is never empty here); adaptation shrinks it from there.
            state ??= new SequenceSpeculation(seq) { Length = _options.NumSpeculativeTokens };
            if (state.Cooldown > 0)
            {
                state.Cooldown--;
                continue;
            }
            // Never draft past max tokens or the context: the bonus token needs one slot too.
            var room = Math.Min(seq.MaxTokens - seq.OutputLength, _contextLength - seq.Tokens.Count) - 1;
            if (room <= 0) continue;
            state.Length = Math.Clamp(state.Length, 1, Math.Min(room, _options.NumSpeculativeTokens));
            state.Proposal.NumTokens = _options.Adaptive ? FitToPasses(state.Length) : state.Length;
            state.Proposal.Tokens.Clear();
            _proposals.Add(state.Proposal);
        }
        if (_proposals.Count == 0) return;
        _proposer.Propose(_proposals);
        foreach (var proposal in _proposals) scheduler.UpdateDraftTokens(proposal.Sequence, CollectionsMarshal.AsSpan(proposal.Tokens));
    }

    /// <summary>
    /// Verifies scheduled sequence <paramref name="index"/>'s drafts against the target's logits at each drafted
    /// position (<paramref name="logits"/>: (drafts + 1, vocab)): accepted drafts go into <paramref name="output"/>,
    /// then the first rejection's replacement from the target, or, when all pass, a bonus token sampled from the last row.
    /// </summary>
    public void Verify(Sequence seq, int index, Sampler sampler, ReadOnlySpan<float> logits, StepOutput output)
    {
        var drafts = seq.DraftTokens;
        var vocab = logits.Length / (drafts.Count + 1);
        var accepted = 0;
        for (var row = 0; row <= drafts.Count; row++)
        {
            var rowLogits = logits.Slice(row * vocab, vocab);
            bool ok;
            int token;
            if (row < drafts.Count) token = sampler.Verify(rowLogits, drafts[row], out ok);
            else (token, ok) = (sampler.Sample(rowLogits), false);
            output.Add(index, sampler, rowLogits, token);
            if (!ok) break;
            accepted++;
        }
        DraftedTokens += drafts.Count;
        AcceptedTokens += accepted;
        Verifications++;
        if (_sequences.TryGetValue(seq.Id, out var state)) Adapt(state, drafts.Count, accepted);
    }

    /// <summary>Drops what is kept for a finished sequence.</summary>
    public void Forget(Sequence seq)
    {
        _sequences.Remove(seq.Id);
        _proposer.Forget(seq.Id);
    }

    public void Dispose() => _proposer.Dispose();

    /// <summary>
    /// The draft count to ask for when <paramref name="length"/> would make a verify step of one token past a whole
    /// number of the kernels' passes (<see cref="MatMul.TokensPerPass"/>): one fewer, since that last token costs
    /// nearly a whole sweep of the weights. Measured on the 1.1B Q8_0 shape (AMD EPYC, 2 threads), a 4-token step
    /// costs 1.69× a 1-token step and a 5-token one 2.34×.
    /// </summary>
    internal static int FitToPasses(int length) =>
        length >= MatMul.TokensPerPass && (length + 1) % MatMul.TokensPerPass == 1 ? length - 1 : length;

    /// <summary>
    /// Grows the draft length after a fully accepted round and shrinks it when most drafts are rejected; when even
    /// a single draft is rejected the sequence decodes plainly for a while.
    /// </summary>
    private void Adapt(SequenceSpeculation state, int drafted, int accepted)
    {
        if (!_options.Adaptive) return;
        if (accepted == drafted) state.Length = Math.Min(_options.NumSpeculativeTokens, state.Length + 1);
        else if (accepted == 0 && state.Length == 1) state.Cooldown = CooldownSteps;
        else if (accepted * 2 < drafted) state.Length = Math.Max(1, state.Length - 1);
    }

    /// <summary>One sequence's speculation: how many drafts to ask for next, steps left without drafts, its proposal.</summary>
    private sealed class SequenceSpeculation(Sequence sequence)
    {
        public int Length;
        public int Cooldown;
        public readonly DraftProposal Proposal = new(sequence);
    }
}
