using System.Diagnostics;
using Gantry.Engine.Sampling;

namespace Gantry.Engine.Scheduling;

/// <summary>
/// What one step produced for each scheduled sequence, by its index in <see cref="SchedulerOutput.Scheduled"/>:
/// no tokens for a sequence still prefilling; otherwise its accepted drafts followed by one sampled token (the
/// target's correction, or a bonus token when every draft passed), with log-probabilities when the request asked
/// for them. Sampling fills it; <see cref="Scheduler.UpdateFromOutput"/> keeps the tokens up to a finish and records
/// why the sequence finished; the output processor streams what is left.
/// </summary>
/// <remarks>Buffers are reused across steps, so a step allocates nothing here. Engine-loop thread only.</remarks>
public sealed class StepOutput
{
    private int[] _start = new int[16], _count = new int[16];
    private FinishReason?[] _finish = new FinishReason?[16];
    private int[] _tokens = new int[64];
    private float?[] _logProbs = new float?[64];
    private TokenLogProb[]?[] _topLogProbs = new TokenLogProb[]?[64];
    private int _total;

    /// <summary>Scheduled sequences this step (the valid indexes).</summary>
    public int Count { get; private set; }

    /// <summary>Tokens kept over all sequences.</summary>
    public int TotalTokens
    {
        get
        {
            var total = 0;
            for (var i = 0; i < Count; i++) total += _count[i];
            return total;
        }
    }

    /// <summary>Starts a step of <paramref name="sequences"/> scheduled sequences, each with no tokens yet.</summary>
    public void Reset(int sequences)
    {
        if (_start.Length < sequences)
        {
            var size = Math.Max(sequences, 2 * _start.Length);
            _start = new int[size];
            _count = new int[size];
            _finish = new FinishReason?[size];
        }
        Array.Clear(_start, 0, sequences);
        Array.Clear(_count, 0, sequences);
        Array.Clear(_finish, 0, sequences);
        Array.Clear(_topLogProbs, 0, _total);
        Count = sequences;
        _total = 0;
    }

    /// <summary>
    /// Appends the next token of scheduled sequence <paramref name="index"/> (indexes come in ascending order, each
    /// one's tokens together): computes its log-probabilities under <paramref name="logits"/> when the request asked,
    /// and records it in the sampler's history so the next position's penalties see it.
    /// </summary>
    public void Add(int index, Sampler sampler, ReadOnlySpan<float> logits, int token)
    {
        TokenLogProb[]? top = null;
        float? logProb = null;
        var requested = sampler.Params.LogProbs;
        if (requested > 0)
        {
            top = new TokenLogProb[Math.Min(requested, logits.Length)];
            sampler.ComputeLogProbs(logits, token, top, out var chosen);
            logProb = chosen;
        }
        sampler.Accept(token);
        Add(index, token, logProb, top);
    }

    /// <summary>Appends the next token of scheduled sequence <paramref name="index"/> as given (indexes in ascending order).</summary>
    public void Add(int index, int token, float? logProb = null, TokenLogProb[]? topLogProbs = null)
    {
        Debug.Assert(index < Count && (_count[index] == 0 || _start[index] + _count[index] == _total), "tokens of one sequence must be added together");
        if (_count[index] == 0) _start[index] = _total;
        if (_total == _tokens.Length)
        {
            Array.Resize(ref _tokens, 2 * _total);
            Array.Resize(ref _logProbs, 2 * _total);
            Array.Resize(ref _topLogProbs, 2 * _total);
        }
        _tokens[_total] = token;
        _logProbs[_total] = logProb;
        _topLogProbs[_total] = topLogProbs;
        _total++;
        _count[index]++;
    }

    /// <summary>The new tokens of scheduled sequence <paramref name="index"/>.</summary>
    public ReadOnlySpan<int> Tokens(int index) => _tokens.AsSpan(_start[index], _count[index]);

    /// <summary>Log-probability of the <paramref name="k"/>-th new token of sequence <paramref name="index"/> (when requested).</summary>
    public float? LogProb(int index, int k) => _logProbs[_start[index] + k];

    /// <summary>The most likely tokens at the <paramref name="k"/>-th new token's position (when requested).</summary>
    public TokenLogProb[]? TopLogProbs(int index, int k) => _topLogProbs[_start[index] + k];

    /// <summary>Why the scheduler's update finished sequence <paramref name="index"/> (end of generation or length), or null.</summary>
    public FinishReason? FinishReasonOf(int index) => _finish[index];

    /// <summary>The scheduler's verdict: the sequence finished with its <paramref name="kept"/>-th new token; later ones are dropped.</summary>
    internal void SetFinished(int index, int kept, FinishReason reason)
    {
        Debug.Assert(kept >= 1 && kept <= _count[index]);
        _count[index] = kept;
        _finish[index] = reason;
    }
}
