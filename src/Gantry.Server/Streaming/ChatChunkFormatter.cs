using Gantry.Engine;
using Gantry.Guardrails.Streaming;
using Gantry.Models.Tokenizers;
using Gantry.Server.Protocol;
using Gantry.Server.Validation;

namespace Gantry.Server.Streaming;

/// <summary>
/// <c>chat.completion.chunk</c> events: a <c>role</c> delta per choice first, <c>content</c> deltas (the hot path through
/// <see cref="TextChunkTemplate"/>), log-probabilities when asked, and the finish reason in a chunk of its own.
/// </summary>
internal sealed class ChatChunkFormatter : IStreamFormatter
{
    private readonly GenerationPlan _plan;
    private readonly ITokenizer _tokenizer;
    private readonly string _id = Wire.NewId("chatcmpl-");
    private readonly long _created = Wire.Now();
    private readonly TextChunkTemplate _template;

    public ChatChunkFormatter(GenerationPlan plan)
    {
        _plan = plan;
        _tokenizer = plan.Model.Model.Tokenizer;
        _template = TextChunkTemplate.Chat(_id, _created, plan.ResponseModel);
    }

    public void Start(SseWriter sse)
    {
        for (var i = 0; i < _plan.ChoiceCount; i++) Write(sse, new ChatChunkChoice(i, new ChatDelta("assistant", ""), null, null));
    }

    public void Event(SseWriter sse, int index, TokenEvent e, string text)
    {
        if (_plan.LogProbs == LogProbsMode.Chat && e.TokenId >= 0 && e.LogProb is { } lp)
        {
            var logprobs = new ChatLogProbs([LogProbWire.ChatEntry(_tokenizer, e.TokenId, lp, e.TopLogProbs ?? [], _plan.TopLogProbs)]);
            Write(sse, new ChatChunkChoice(index, new ChatDelta(null, text), logprobs, null));
        }
        else if (text.Length > 0)
        {
            sse.WriteText(_template, index, text);
        }
        if (e.FinishReason is { } finish) Write(sse, new ChatChunkChoice(index, new ChatDelta(null, null), null, Wire.FinishReason(finish)));
    }

    public void Filtered(SseWriter sse, int index, string text)
    {
        if (text.Length > 0) sse.WriteText(_template, index, text);
        Write(sse, new ChatChunkChoice(index, new ChatDelta(null, null), null, StreamingGuardResult.ContentFilterFinishReason));
    }

    public void Usage(SseWriter sse, Usage usage) =>
        sse.Write(new ChatCompletionChunk(_id, _created, _plan.ResponseModel, [], usage), ProtocolJson.Default.ChatCompletionChunk);

    private void Write(SseWriter sse, ChatChunkChoice choice) =>
        sse.Write(new ChatCompletionChunk(_id, _created, _plan.ResponseModel, [choice], null), ProtocolJson.Default.ChatCompletionChunk);
}
