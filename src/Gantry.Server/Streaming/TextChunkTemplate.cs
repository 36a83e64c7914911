using System.Text;
using System.Text.Json;

namespace Gantry.Server.Streaming;

/// <summary>
/// The constant bytes around a streamed token's index and text, for one response:
/// completions <c>{"id":…,"object":"text_completion","created":…,"model":…,"choices":[{"index":<b>i</b>,"text":<b>"…"</b>,"logprobs":null,"finish_reason":null}]}</c>,
/// chat the same with <c>"delta":{"content":"…"}</c>. Field names and order match the serialized chunk types.
/// The SSE framing is part of the constants: <see cref="Head"/> starts with <c>data: </c> and <see cref="Tail"/> ends with
/// the blank line, so one event is Head, index, Middle, quoted text, Tail.
/// </summary>
internal sealed class TextChunkTemplate
{
    private TextChunkTemplate(string head, string middle, string tail)
    {
        Head = Encoding.UTF8.GetBytes("data: " + head);
        Middle = Encoding.UTF8.GetBytes(middle);
        Tail = Encoding.UTF8.GetBytes(tail + "\n\n");
    }

    public byte[] Head { get; }
    public byte[] Middle { get; }
    public byte[] Tail { get; }

    /// <summary>Bytes of an event apart from the index digits and the text's quotes and characters.</summary>
    public int FixedLength => Head.Length + Middle.Length + Tail.Length;

    public static TextChunkTemplate Completion(string id, long created, string model) =>
        new($"{{\"id\":{Quote(id)},\"created\":{created},\"model\":{Quote(model)},\"choices\":[{{\"index\":", ",\"text\":",
            ",\"logprobs\":null,\"finish_reason\":null}],\"object\":\"text_completion\"}");

    public static TextChunkTemplate Chat(string id, long created, string model) =>
        new($"{{\"id\":{Quote(id)},\"created\":{created},\"model\":{Quote(model)},\"choices\":[{{\"index\":", ",\"delta\":{\"content\":",
            "},\"logprobs\":null,\"finish_reason\":null}],\"object\":\"chat.completion.chunk\"}");

    private static string Quote(string s) => JsonSerializer.Serialize(s, Protocol.ProtocolJson.Default.String);
}
