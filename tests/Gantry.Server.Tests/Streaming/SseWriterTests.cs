using System.Text;
using Gantry.Server.Protocol;
using Gantry.Server.Streaming;
using Microsoft.AspNetCore.Http;

namespace Gantry.Server.Tests.Streaming;

/// <summary>
/// <see cref="SseWriter.WriteText"/> (pre-rendered template, one span per event) must give exactly the bytes the serializer
/// gives for the same chunk record, for any text, and flushing once per burst must not change the byte stream.
/// </summary>
public sealed class SseWriterTests
{
    private const string Id = "cmpl-abc\"<&>";
    private const long Created = 1_764_000_000;
    private const string Model = "stories/260K é";

    public static TheoryData<string> Texts()
    {
        var texts = new List<string> { "", " the", "Hello", "a\"b", "back\\slash", "<tag>", "a&b", "it's", "1+1", "`x`", "tab\there", "new\nline",
            "\u007f", "é", "日本", "🙂", " 🙂x", "\u2028", "\ufffd", new string('x', 1023), new string('y', 1024), new string('z', 1025), new string('q', 5000) };
        for (var c = 0; c < 128; c++) texts.Add(((char)c).ToString());
        var rng = new Random(5);
        for (var i = 0; i < 200; i++) texts.Add(new string(Enumerable.Range(0, rng.Next(1, 12)).Select(_ => (char)rng.Next(0x20, 0x7f)).ToArray()));
        for (var i = 0; i < 50; i++) texts.Add(new string(Enumerable.Range(0, rng.Next(1, 8)).Select(_ => (char)rng.Next(0x20, 0x3000)).Where(c => !char.IsSurrogate(c)).ToArray()));
        return [.. texts.Distinct(StringComparer.Ordinal)]; // random one-character texts repeat the ASCII ones; xUnit would skip those cases
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task WriteText_AnyText_SameBytesAsSerializedCompletionChunk(string text)
    {
        foreach (var index in new[] { 0, 1, 7, 12, 123_456_789, int.MaxValue })
        {
            var fast = await RenderAsync(sse => sse.WriteText(TextChunkTemplate.Completion(Id, Created, Model), index, text));
            var serialized = await RenderAsync(sse => sse.Write(
                new CompletionResponse(Id, Created, Model, [new CompletionChoice(index, text, null, null)], null), ProtocolJson.Default.CompletionResponse));
            Assert.Equal(serialized, fast);
        }
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task WriteText_AnyText_SameBytesAsSerializedChatChunk(string text)
    {
        foreach (var index in new[] { 0, 3, 1000 })
        {
            var fast = await RenderAsync(sse => sse.WriteText(TextChunkTemplate.Chat(Id, Created, Model), index, text));
            var serialized = await RenderAsync(sse => sse.Write(
                new ChatCompletionChunk(Id, Created, Model, [new ChatChunkChoice(index, new ChatDelta(null, text), null, null)], null), ProtocolJson.Default.ChatCompletionChunk));
            Assert.Equal(serialized, fast);
        }
    }

    [Fact]
    public async Task WriteText_TokenSequenceFlushedOncePerBurst_SameStreamAsFlushedPerToken()
    {
        var rng = new Random(11);
        string[] vocabulary = [" Once", " upon", " a", " time", ",", " \"Lily\"", " é", "\n", "<", " 🙂", ""];
        var tokens = Enumerable.Range(0, 300).Select(_ => (Index: rng.Next(0, 3), Text: vocabulary[rng.Next(vocabulary.Length)])).ToArray();
        var template = TextChunkTemplate.Completion(Id, Created, Model);

        var perToken = await RenderStreamAsync(async sse =>
        {
            foreach (var (index, text) in tokens)
            {
                sse.WriteText(template, index, text);
                Assert.True(await sse.FlushAsync(CancellationToken.None));
            }
        });
        var perBurst = await RenderStreamAsync(async sse =>
        {
            for (var i = 0; i < tokens.Length; i++)
            {
                sse.WriteText(template, tokens[i].Index, tokens[i].Text);
                if (i % 7 == 6) Assert.True(await sse.FlushAsync(CancellationToken.None)); // bursts of seven
            }
        });
        var expected = new StringBuilder();
        foreach (var (index, text) in tokens)
        {
            expected.Append("data: ").Append(System.Text.Json.JsonSerializer.Serialize(
                new CompletionResponse(Id, Created, Model, [new CompletionChoice(index, text, null, null)], null), ProtocolJson.Default.CompletionResponse)).Append("\n\n");
        }
        expected.Append("data: [DONE]\n\n");
        Assert.Equal(expected.ToString(), perToken);
        Assert.Equal(perToken, perBurst);
    }

    private static Task<string> RenderAsync(Action<SseWriter> write) => RenderStreamAsync(sse =>
    {
        write(sse);
        return Task.CompletedTask;
    }, done: false);

    private static async Task<string> RenderStreamAsync(Func<SseWriter, Task> write, bool done = true)
    {
        var ctx = new DefaultHttpContext();
        using var body = new MemoryStream();
        ctx.Response.Body = body;
        var sse = new SseWriter(ctx.Response);
        await write(sse);
        if (done) sse.WriteDone();
        Assert.True(await sse.FlushAsync(CancellationToken.None));
        return Encoding.UTF8.GetString(body.ToArray());
    }
}
