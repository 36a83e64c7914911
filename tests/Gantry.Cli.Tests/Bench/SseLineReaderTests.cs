using System.Text;
using Gantry.Cli.Bench;

namespace Gantry.Cli.Tests.Bench;

/// <summary>The load generator's byte-level SSE reading: every line found whatever the read boundaries, and classified as before.</summary>
public sealed class SseLineReaderTests
{
    private const string Token = """data: {"id":"cmpl-1","created":1,"model":"m","choices":[{"index":0,"text":" the \"finish_reason\":\"x\" error usage","logprobs":null,"finish_reason":null}],"object":"text_completion"}""";
    private const string Finish = """data: {"id":"cmpl-1","created":1,"model":"m","choices":[{"index":0,"text":"","logprobs":null,"finish_reason":"length"}],"object":"text_completion"}""";
    private const string Usage = """data: {"id":"cmpl-1","created":1,"model":"m","choices":[],"object":"text_completion","usage":{"prompt_tokens":32,"completion_tokens":3,"total_tokens":35}}""";
    private const string Error = """data: {"error":{"message":"blocked","type":"invalid_request_error","param":null,"code":"content_policy_violation"}}""";

    [Theory]
    [InlineData("data: [DONE]", "Done")]
    [InlineData("", "None")]
    [InlineData(": comment", "None")]
    [InlineData(Token, "Token")]
    [InlineData(Finish, "Finish")]
    [InlineData(Usage, "Usage")]
    [InlineData(Error, "Error")]
    public void Classify_ServerLines_Kind(string line, string expected) =>
        Assert.Equal(Enum.Parse<SseEventKind>(expected), SseEvent.Classify(Encoding.UTF8.GetBytes(line)));

    [Fact]
    public void CompletionTokens_UsageLine_ReadsCount() => Assert.Equal(3, SseEvent.CompletionTokens(Encoding.UTF8.GetBytes(Usage)));

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    [InlineData(65536)]
    public async Task TryReadLine_AnyReadSize_EveryLineOnceInOrder(int readSize)
    {
        var longToken = Token.Replace(" the ", new string('x', 40_000), StringComparison.Ordinal); // past the 16 KiB buffer
        string[] events = [Token, Token, longToken, Token, Finish, Usage, "data: [DONE]"];
        var text = string.Concat(events.Select((e, i) => e + (i % 2 == 0 ? "\n\n" : "\r\n\r\n")));
        using var reader = new SseLineReader(new TricklingStream(Encoding.UTF8.GetBytes(text), readSize));
        var lines = new List<string>();
        while (await reader.FillAsync(CancellationToken.None))
        {
            while (reader.TryReadLine(out var line)) lines.Add(Encoding.UTF8.GetString(line));
        }
        Assert.Equal(events.SelectMany(e => new[] { e, "" }), lines);
    }

    /// <summary>Returns at most <c>step</c> bytes per read, like a socket delivering events one by one or split.</summary>
    private sealed class TricklingStream(byte[] data, int step) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(step, buffer.Length)], cancellationToken);
    }
}
