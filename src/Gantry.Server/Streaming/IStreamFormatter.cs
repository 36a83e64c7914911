using Gantry.Engine;
using Gantry.Server.Protocol;

namespace Gantry.Server.Streaming;

/// <summary>
/// One endpoint's wire shape for a streamed response: which chunks a choice's events become. <see cref="StreamDriver"/>
/// owns the loop (reading the session, the output guard, usage, flushing, a client that goes away, the closing events);
/// a formatter only writes. One instance per response. Chat and completions have one each; a tool-call delta is one
/// more thing <see cref="Event"/> may write for chat.
/// </summary>
internal interface IStreamFormatter
{
    /// <summary>Events before the first token (chat: each choice's <c>role</c> delta).</summary>
    void Start(SseWriter sse);

    /// <summary>One engine event of a choice that is still shown: <paramref name="text"/> is what the output guard released
    /// for it; log-probabilities and the finish reason (when <see cref="TokenEvent.FinishReason"/> is set) come from <paramref name="e"/>.</summary>
    void Event(SseWriter sse, int index, TokenEvent e, string text);

    /// <summary>A guardrail ended the choice: the <paramref name="text"/> released before the block, then <c>content_filter</c>.</summary>
    void Filtered(SseWriter sse, int index, string text);

    /// <summary>The closing usage chunk (<c>stream_options.include_usage</c>).</summary>
    void Usage(SseWriter sse, Usage usage);
}
