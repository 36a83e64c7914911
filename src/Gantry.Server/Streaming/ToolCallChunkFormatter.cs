using Gantry.Engine;
using Gantry.Guardrails.Streaming;
using Gantry.Server.Protocol;
using Gantry.Server.Tools;
using Gantry.Server.Validation;

namespace Gantry.Server.Streaming;

/// <summary>
/// <c>chat.completion.chunk</c> events for a request with tools: each choice's text goes through its
/// <see cref="ToolCallExtractor"/>; content comes out as <c>content</c> deltas and every call as <c>tool_calls</c> deltas
/// the way OpenAI streams them and its SDKs assemble them by index — first <c>{index, id, type, function: {name,
/// arguments: ""}}</c>, then <c>{index, function: {arguments: …}}</c> fragments to append — and a choice that called a
/// tool finishes with <c>"tool_calls"</c>. A forced reply's arguments stream as they are generated; a call in the model's
/// own syntax (<c>auto</c>) is known to be a call only once it closes, so its arguments come in one fragment.
/// </summary>
internal sealed class ToolCallChunkFormatter : IStreamFormatter
{
    private readonly GenerationPlan _plan;
    private readonly string _id = Wire.NewId("chatcmpl-");
    private readonly long _created = Wire.Now();
    private readonly TextChunkTemplate _template;
    private readonly ToolCallExtractor[] _extractors;
    private readonly List<ToolDelta> _events = [];

    public ToolCallChunkFormatter(GenerationPlan plan, ToolPlan tools)
    {
        _plan = plan;
        _template = TextChunkTemplate.Chat(_id, _created, plan.ResponseModel);
        _extractors = new ToolCallExtractor[plan.ChoiceCount];
        for (var i = 0; i < _extractors.Length; i++) _extractors[i] = new ToolCallExtractor(tools);
    }

    public void Start(SseWriter sse)
    {
        for (var i = 0; i < _plan.ChoiceCount; i++) Write(sse, new ChatChunkChoice(i, new ChatDelta("assistant", ""), null, null));
    }

    public void Event(SseWriter sse, int index, TokenEvent e, string text)
    {
        var extractor = _extractors[index];
        _events.Clear();
        if (text.Length > 0) extractor.Push(text, _events);
        if (e.FinishReason is not null) extractor.Finish(_events);
        foreach (var item in _events)
        {
            switch (item.Kind)
            {
                case ToolDeltaKind.Content:
                    sse.WriteText(_template, index, item.Text);
                    break;
                case ToolDeltaKind.CallStart:
                    var header = new ToolCallDelta(item.Index, ToolCallExtractor.NewCallId(), "function", new FunctionCallDelta(item.Text, ""));
                    Write(sse, new ChatChunkChoice(index, new ChatDelta(null, null, [header]), null, null));
                    break;
                default:
                    var fragment = new ToolCallDelta(item.Index, null, null, new FunctionCallDelta(null, item.Text));
                    Write(sse, new ChatChunkChoice(index, new ChatDelta(null, null, [fragment]), null, null));
                    break;
            }
        }
        if (e.FinishReason is { } finish)
        {
            var reason = extractor.CallCount > 0 ? ToolCallWire.FinishReason : Wire.FinishReason(finish);
            Write(sse, new ChatChunkChoice(index, new ChatDelta(null, null), null, reason));
        }
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
