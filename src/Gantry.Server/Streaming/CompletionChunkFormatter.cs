using Gantry.Engine;
using Gantry.Guardrails.Streaming;
using Gantry.Models.Tokenizers;
using Gantry.Server.Protocol;
using Gantry.Server.Validation;

namespace Gantry.Server.Streaming;

/// <summary>
/// <c>text_completion</c> events: one per token's text (the hot path through <see cref="TextChunkTemplate"/>); a token
/// with log-probabilities or a finish reason is one chunk carrying all of it, with <c>text_offset</c> counted per choice.
/// </summary>
internal sealed class CompletionChunkFormatter : IStreamFormatter
{
    private readonly GenerationPlan _plan;
    private readonly ITokenizer _tokenizer;
    private readonly string _id = Wire.NewId("cmpl-");
    private readonly long _created = Wire.Now();
    private readonly TextChunkTemplate _template;
    private readonly int[] _offsets;

    public CompletionChunkFormatter(GenerationPlan plan)
    {
        _plan = plan;
        _tokenizer = plan.Model.Model.Tokenizer;
        _template = TextChunkTemplate.Completion(_id, _created, plan.ResponseModel);
        _offsets = new int[plan.ChoiceCount];
    }

    public void Start(SseWriter sse)
    {
    }

    public void Event(SseWriter sse, int index, TokenEvent e, string text)
    {
        CompletionLogProbs? logprobs = null;
        if (_plan.LogProbs == LogProbsMode.Completions && e.TokenId >= 0 && e.LogProb is { } lp)
        {
            logprobs = new CompletionLogProbs([Wire.TokenText(_tokenizer, e.TokenId)], [lp],
                [LogProbWire.CompletionTop(_tokenizer, e.TopLogProbs, _plan.TopLogProbs)], [_offsets[index]]);
        }
        _offsets[index] += text.Length;
        if (logprobs is null && e.FinishReason is null)
        {
            if (text.Length > 0) sse.WriteText(_template, index, text);
            return;
        }
        var finish = e.FinishReason is { } f ? Wire.FinishReason(f) : null;
        Write(sse, new CompletionChoice(index, text, logprobs, finish));
    }

    public void Filtered(SseWriter sse, int index, string text)
    {
        if (text.Length > 0) sse.WriteText(_template, index, text);
        Write(sse, new CompletionChoice(index, "", null, StreamingGuardResult.ContentFilterFinishReason));
    }

    public void Usage(SseWriter sse, Usage usage) =>
        sse.Write(new CompletionResponse(_id, _created, _plan.ResponseModel, [], usage), ProtocolJson.Default.CompletionResponse);

    private void Write(SseWriter sse, CompletionChoice choice) =>
        sse.Write(new CompletionResponse(_id, _created, _plan.ResponseModel, [choice], null), ProtocolJson.Default.CompletionResponse);
}
