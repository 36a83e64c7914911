using System.Diagnostics;
using System.Threading.Channels;
using Gantry.Engine.Sampling;
using Gantry.Models.Tokenizers;

namespace Gantry.Engine.Output;

/// <summary>
/// A request's engine-side state: its sequence (changed only by the scheduler), its sampler, and what turns its
/// tokens into a stream: detokenizer, stop matcher, output channel. Engine-loop thread only.
/// </summary>
internal sealed class RequestState
{
    private readonly TokenEvent[] _held; // token events after the first, waiting for a full stream interval
    private int _heldCount;
    private bool _firstSent;

    public RequestState(long id, GenerationRequest request, ITokenizer tokenizer, int vocabSize, int streamInterval = 1, ITokenConstraint? constraint = null)
    {
        _held = new TokenEvent[streamInterval - 1];
        Request = request;
        Sequence = new Sequence(id, request.PromptTokens.ToArray(), request.MaxTokens, request.Priority, request.CacheSalt, request.IgnoreEndOfGeneration, request.Lora);
        Sampler = new Sampler(request.Sampling, vocabSize, constraint: constraint);
        foreach (var t in request.PromptTokens) Sampler.AcceptPrompt(t);
        Detokenizer = new StreamingDetokenizer(tokenizer, skipLeadingSpaceOfFirstToken: false, request.RenderSpecialTokens);
        Stops = new StopStringMatcher(request.StopStrings);
        Output = Channel.CreateUnbounded<TokenEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    }

    public GenerationRequest Request { get; }
    public Sequence Sequence { get; }
    public Sampler Sampler { get; }
    public StreamingDetokenizer Detokenizer { get; }
    public StopStringMatcher Stops { get; }
    public Channel<TokenEvent> Output { get; }
    public long StartTimestamp { get; } = Stopwatch.GetTimestamp();
    public bool Finished { get; private set; }

    /// <summary>Tokens streamed so far (the completion's length; a stop string may end it before the sequence's last token).</summary>
    public int NumOutputTokens { get; private set; }

    /// <summary>
    /// Streams a token event: the first at once, later ones in groups of the stream interval, so the reader wakes
    /// once per group. <see cref="Finish"/> releases whatever is held.
    /// </summary>
    public void Emit(TokenEvent e)
    {
        if (e.TokenId >= 0) NumOutputTokens++;
        if (_firstSent && _heldCount < _held.Length)
        {
            _held[_heldCount++] = e;
            return;
        }
        _firstSent = true;
        Release();
        Output.Writer.TryWrite(e);
    }

    private void Release()
    {
        for (var i = 0; i < _heldCount; i++)
        {
            Output.Writer.TryWrite(_held[i]);
            _held[i] = null!;
        }
        _heldCount = 0;
    }

    /// <summary>Writes the final event and closes the stream. Idempotent.</summary>
    public void Finish(FinishReason reason, string trailingText = "", string? error = null, bool modelUnavailable = false)
    {
        if (Finished) return;
        Finished = true;
        Release();
        var scheduled = Sequence.FirstScheduledTimestamp == 0 ? System.Diagnostics.Stopwatch.GetTimestamp() : Sequence.FirstScheduledTimestamp;
        var queueSeconds = System.Diagnostics.Stopwatch.GetElapsedTime(Sequence.SubmittedTimestamp, scheduled).TotalSeconds;
        var usage = new GenerationUsage(Sequence.PromptLength, NumOutputTokens, Sequence.NumCachedTokens);
        Output.Writer.TryWrite(new TokenEvent { TextDelta = trailingText, FinishReason = reason, Error = error, ModelUnavailable = modelUnavailable, Usage = usage, QueueSeconds = queueSeconds,
            CpuSeconds = Sequence.CpuSeconds, WeightShare = Sequence.WeightShare });
        Output.Writer.TryComplete();
    }
}
