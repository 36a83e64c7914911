using Gantry.Engine.KvCache;

namespace Gantry.Engine.Scheduling;

/// <summary>
/// Iteration-level scheduling. Each step, under a token budget:
/// <list type="number">
/// <item>running sequences first, in admission order: one token for a decode, the next chunk for an unfinished
/// prefill; when the cache cannot grow, the newest running sequence is preempted (blocks freed, recomputed later)
/// until it can, so the oldest requests always progress;</item>
/// <item>then, if nothing was preempted, waiting sequences by priority then arrival, each reusing its cached
/// prefix and prefilling a chunk that fits the remaining budget, until the budget, the sequence limit or the
/// cache runs out. The queue head blocks those behind it, so no request starves.</item>
/// </list>
/// A sequence that cannot fit in the whole cache even alone is failed rather than left to deadlock.
/// After the model ran, <see cref="UpdateFromOutput"/> does the step's bookkeeping. The scheduler is the only
/// writer of a <see cref="Sequence"/>'s state (through the KV cache manager it calls).
/// Owned by the engine-loop thread; knows counters and block ids, never tensors.
/// </summary>
public sealed class Scheduler
{
    private readonly KvCacheManager _kv;
    private readonly SchedulerOptions _options;
    private readonly List<Sequence> _running = [];
    private readonly LinkedList<Sequence> _waiting = [];
    private readonly int _contextLength;
    private readonly Func<int, bool> _isEndOfGeneration;
    private long _preemptions;

    /// <param name="contextLength">Tokens a sequence may hold in all; reaching it finishes the sequence with <see cref="FinishReason.Length"/>.</param>
    /// <param name="isEndOfGeneration">The model's end-of-generation tokens; one finishes a sequence with <see cref="FinishReason.Stop"/>.</param>
    public Scheduler(KvCacheManager kv, SchedulerOptions options, int contextLength = int.MaxValue, Func<int, bool>? isEndOfGeneration = null)
    {
        options.Validate();
        _kv = kv;
        _options = options;
        _contextLength = contextLength;
        _isEndOfGeneration = isEndOfGeneration ?? (_ => false);
    }

    public int RunningCount => _running.Count;

    public int WaitingCount => _waiting.Count;

    public long Preemptions => _preemptions;

    /// <summary>Prompt tokens computed by all steps so far (prefill throughput; recompute after preemption counts again).</summary>
    public long PromptTokensComputed { get; private set; }

    public IReadOnlyList<Sequence> Running => _running;

    /// <summary>The waiting queue in admission order.</summary>
    public IReadOnlyCollection<Sequence> Waiting => _waiting;

    public bool HasWork => _running.Count > 0 || _waiting.Count > 0;

    /// <summary>Queues a new sequence; throws <see cref="QueueFullException"/> when the queue is at its limit.</summary>
    public void Add(Sequence seq)
    {
        if (_waiting.Count >= _options.MaxQueue) throw new QueueFullException(_options.MaxQueue);
        seq.Status = SequenceStatus.Waiting;
        // Insert after every waiting sequence of equal or higher priority: FCFS within a priority.
        var node = _waiting.Last;
        while (node is not null && node.Value.Priority > seq.Priority) node = node.Previous;
        if (node is null) _waiting.AddFirst(seq);
        else _waiting.AddAfter(node, seq);
    }

    /// <summary>Removes a sequence wherever it is and frees its blocks (cancellation, stop, error).</summary>
    public void Finish(Sequence seq)
    {
        if (seq.Status == SequenceStatus.Finished) return;
        if (seq.Status == SequenceStatus.Running) _running.Remove(seq);
        else _waiting.Remove(seq);
        seq.Drafts.Clear();
        _kv.Free(seq);
        seq.Status = SequenceStatus.Finished;
    }

    public SchedulerOutput Schedule()
    {
        var budget = _options.MaxBatchedTokens;
        var scheduled = new List<Sequence>();
        var preempted = new List<Sequence>();
        var failed = new List<Sequence>();

        for (var i = 0; i < _running.Count && budget > 0; i++)
        {
            var seq = _running[i];
            // A decode may carry speculative drafts: they are verified in the same pass, budget permitting.
            var tokens = Math.Min(seq.NumUncomputedTokens + seq.DraftTokens.Count, budget);
            if (tokens <= 0) continue;
            var keepDrafts = Math.Max(0, tokens - seq.NumUncomputedTokens);
            if (keepDrafts < seq.DraftTokens.Count) seq.Drafts.RemoveRange(keepDrafts, seq.Drafts.Count - keepDrafts);
            while (!_kv.CanAppend(seq, tokens))
            {
                var victim = _running[^1];
                if (victim == seq && _running.Count == 1)
                {
                    // Alone and still out of room: the request is larger than the cache.
                    Fail(seq, failed);
                    i--;
                    goto next;
                }
                Preempt(victim, preempted);
                if (victim == seq) goto next;
            }
            _kv.Append(seq, tokens);
            seq.NumScheduledTokens = tokens;
            scheduled.Add(seq);
            budget -= tokens;
            next: ;
        }

        if (preempted.Count == 0)
        {
            while (budget > 0 && _running.Count < _options.MaxNumSeqs && _waiting.First is { } node)
            {
                var seq = node.Value;
                if (_kv.BlocksFor(seq.Tokens.Count) > _kv.Pool.BlockCount)
                {
                    _waiting.RemoveFirst();
                    Fail(seq, failed);
                    continue;
                }
                seq.Drafts.Clear();
                var remaining = budget;
                if (_kv.TryAdmit(seq, uncached => Math.Min(uncached, remaining)) < 0) break;
                _waiting.RemoveFirst();
                seq.Status = SequenceStatus.Running;
                if (seq.FirstScheduledTimestamp == 0) seq.FirstScheduledTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
                seq.NumScheduledTokens = Math.Min(seq.NumUncomputedTokens, budget);
                _running.Add(seq);
                scheduled.Add(seq);
                budget -= seq.NumScheduledTokens;
            }
        }
        return new SchedulerOutput(scheduled, preempted, failed);
    }

    /// <summary>Hands speculative drafts to a running sequence that is decoding; the next <see cref="Schedule"/> verifies them, budget permitting.</summary>
    public void UpdateDraftTokens(Sequence seq, ReadOnlySpan<int> drafts)
    {
        System.Diagnostics.Debug.Assert(seq.Status == SequenceStatus.Running && seq.NumUncomputedTokens == 1);
        seq.Drafts.Clear();
        seq.Drafts.AddRange(drafts);
    }

    /// <summary>
    /// The step's bookkeeping once the model ran and its tokens were sampled: every scheduled sequence's computed
    /// count catches up with what the step computed and its newly full blocks join the prefix cache; new tokens are
    /// appended up to the first that finishes the sequence (end of generation, max tokens, the context), whose
    /// verdict goes into <paramref name="output"/> and whose blocks are freed; and KV slots written for rejected
    /// drafts are rolled back, so a sequence's cache holds exactly its verified tokens.
    /// </summary>
    public void UpdateFromOutput(SchedulerOutput scheduled, StepOutput output)
    {
        System.Diagnostics.Debug.Assert(output.Count == scheduled.Scheduled.Count);
        for (var i = 0; i < scheduled.Scheduled.Count; i++)
        {
            var seq = scheduled.Scheduled[i];
            if (seq.Status != SequenceStatus.Running) continue;
            var drafts = seq.Drafts.Count;
            if (seq.IsPrefilling) PromptTokensComputed += Math.Min(seq.NumScheduledTokens, seq.PromptLength - seq.NumComputedTokens);
            seq.NumComputedTokens += seq.NumScheduledTokens - drafts;
            seq.NumScheduledTokens = 0;
            _kv.CacheFullBlocks(seq);
            var tokens = output.Tokens(i);
            // Drafts pass the target's check in order; the last new token is the target's own (correction or bonus).
            var accepted = drafts == 0 || tokens.IsEmpty ? 0 : tokens.Length - 1;
            for (var k = 0; k < tokens.Length; k++)
            {
                seq.AppendToken(tokens[k]);
                if (StopReason(seq, tokens[k]) is not { } reason) continue;
                output.SetFinished(i, k + 1, reason);
                Finish(seq);
                goto next;
            }
            seq.Drafts.Clear();
            if (drafts > 0)
            {
                // Keys and values are valid for the old last token and the accepted drafts only.
                _kv.Truncate(seq, seq.NumComputedTokens + accepted);
                seq.NumComputedTokens += accepted;
                _kv.CacheFullBlocks(seq);
            }
            next: ;
        }
    }

    private FinishReason? StopReason(Sequence seq, int token)
    {
        if (!seq.IgnoreEndOfGeneration && _isEndOfGeneration(token)) return FinishReason.Stop;
        if (seq.OutputLength >= seq.MaxTokens || seq.Tokens.Count >= _contextLength) return FinishReason.Length;
        return null;
    }

    private void Preempt(Sequence victim, List<Sequence> preempted)
    {
        _running.Remove(victim);
        _kv.Free(victim);
        victim.Status = SequenceStatus.Waiting;
        victim.NumScheduledTokens = 0;
        victim.Drafts.Clear();
        victim.Preemptions++;
        _preemptions++;
        _waiting.AddFirst(victim);
        preempted.Add(victim);
    }

    private void Fail(Sequence seq, List<Sequence> failed)
    {
        _running.Remove(seq);
        _kv.Free(seq);
        seq.Status = SequenceStatus.Finished;
        failed.Add(seq);
    }
}
