using System.Text;
using Gantry.Gateway.Limits;

namespace Gantry.Gateway.Tests.Limits;

/// <summary>The response reader behind token corrections: usage read from the tail whatever the write sizes, streams
/// without usage counted by events, failures charged nothing, and the bytes passed through unchanged.</summary>
public sealed class UsageMeterTests
{
    private static (UsageMeter Meter, MemoryStream Sink) Write(string text, int chunk)
    {
        var sink = new MemoryStream();
        var meter = new UsageMeter(sink);
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var i = 0; i < bytes.Length; i += chunk) meter.Write(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)));
        return (meter, sink);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    [InlineData(100_000)]
    public void Completion_TotalTokensReadFromTheTail_BytesPassedThrough(int chunk)
    {
        var text = "{\"id\":\"x\",\"choices\":[{\"text\":\"" + new string('a', 10_000) + "\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":7,\"total_tokens\":12}}";
        var (meter, sink) = Write(text, chunk);
        Assert.Equal(12, meter.UsedTokens(200, stream: false, promptEstimate: 99));
        Assert.Equal(text, Encoding.UTF8.GetString(sink.ToArray()));
    }

    [Fact]
    public void Stream_WithUsageChunk_UsesIt_WithoutOne_CountsDeltas()
    {
        var deltas = string.Concat(Enumerable.Range(0, 9).Select(i => $"data: {{\"choices\":[{{\"text\":\"t{i}\"}}],\"usage\":null}}\n\n"));
        var withUsage = deltas + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":9,\"total_tokens\":12}}\n\ndata: [DONE]\n\n";
        Assert.Equal(12, Write(withUsage, 5).Meter.UsedTokens(200, stream: true, promptEstimate: 40));
        Assert.Equal(40 + 9, Write(deltas + "data: [DONE]\n\n", 3).Meter.UsedTokens(200, stream: true, promptEstimate: 40));
    }

    [Fact]
    public void Failure_ChargesNothing_SuccessWithoutUsage_KeepsTheReservation()
    {
        Assert.Equal(0, Write("{\"error\":{\"message\":\"no\"}}", 4).Meter.UsedTokens(400, stream: false, promptEstimate: 10));
        Assert.Null(Write("{\"choices\":[]}", 4).Meter.UsedTokens(200, stream: false, promptEstimate: 10));
    }
}
