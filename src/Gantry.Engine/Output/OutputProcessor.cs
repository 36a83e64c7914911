using Gantry.Engine.Scheduling;

namespace Gantry.Engine.Output;

/// <summary>
/// The last stage of the engine step: turns each request's new tokens into its stream. Per token: detokenize
/// (never splitting a UTF-8 character), hold back text that may start a stop string, emit the event; then finish
/// the request on a stop string, or with the scheduler's verdict (end of generation, length). Holds the live
/// requests by sequence id. It never changes a sequence: requests it ends by a stop string are returned so the
/// caller has the scheduler finish them. Engine-loop thread only.
/// </summary>
internal sealed class OutputProcessor
{
    private readonly Dictionary<long, RequestState> _requests = [];
    private readonly List<Sequence> _finished = [];

    /// <summary>Requests still streaming.</summary>
    public IReadOnlyCollection<RequestState> Requests => _requests.Values;

    public void Add(RequestState state) => _requests.Add(state.Sequence.Id, state);

    public bool TryGet(long sequenceId, out RequestState state) => _requests.TryGetValue(sequenceId, out state!);

    /// <summary>
    /// Streams one step's new tokens. Returns the sequences whose requests finished in this step (reused list):
    /// those the scheduler already finished and those a stop string ended, which the scheduler must still finish.
    /// </summary>
    public IReadOnlyList<Sequence> Process(SchedulerOutput scheduled, StepOutput output)
    {
        _finished.Clear();
        for (var i = 0; i < output.Count; i++)
        {
            var seq = scheduled.Scheduled[i];
            var tokens = output.Tokens(i);
            if (tokens.IsEmpty || !_requests.TryGetValue(seq.Id, out var state)) continue;
            var verdict = output.FinishReasonOf(i);
            for (var k = 0; k < tokens.Length && !state.Finished; k++)
            {
                var token = tokens[k];
                // The end-of-generation token is reported but has no text.
                var endOfGeneration = verdict == FinishReason.Stop && k == tokens.Length - 1;
                var (text, stopped) = endOfGeneration ? ("", false) : state.Stops.Push(state.Detokenizer.Push(token));
                state.Emit(new TokenEvent { TokenId = token, TextDelta = text, LogProb = output.LogProb(i, k), TopLogProbs = output.TopLogProbs(i, k) });
                if (stopped) Finish(state, FinishReason.Stop, flush: false);
            }
            if (!state.Finished && verdict is { } reason) Finish(state, reason);
            if (state.Finished) _finished.Add(seq);
        }
        return _finished;
    }

    /// <summary>
    /// Ends a request's stream: releases held-back text (unless a stop string ended it), writes the final event and
    /// forgets the request. The caller has the scheduler finish its sequence.
    /// </summary>
    public void Finish(RequestState state, FinishReason reason, bool flush = true, string? error = null, bool modelUnavailable = false)
    {
        if (state.Finished) return;
        var trailing = flush ? state.Stops.Push(state.Detokenizer.Flush()).Emit + state.Stops.Flush() : "";
        _requests.Remove(state.Sequence.Id);
        state.Finish(reason, trailing, error, modelUnavailable);
    }
}
