using Gantry.Models.ToolCalls;
using Gantry.Server.Tools;

namespace Gantry.Server.Tests.Structured;

public sealed class ToolCallExtractorTests
{
    private const string TwoHermesCalls =
        "Sure.\n<tool_call>\n{\"name\": \"a\", \"arguments\": {\"x\": 1}}\n</tool_call>\n<tool_call>\n{\"name\": \"b\", \"arguments\": {}}\n</tool_call>";

    [Theory]
    [InlineData(true, 2)]
    [InlineData(false, 1)]
    public void ReadAll_Auto_KeepsCallsByParallelToolCalls(bool parallel, int expected)
    {
        var (content, calls) = new ToolCallExtractor(new ToolPlan(ToolMode.Auto, ToolCallFormat.Hermes, parallel)).ReadAll(TwoHermesCalls);
        Assert.Equal("Sure.\n", content);
        Assert.Equal(expected, calls.Count);
        Assert.Equal(("a", "{\"x\":1}"), calls[0]);
    }

    [Fact]
    public void Push_AutoSplitAtEveryBoundary_SameDeltasAsWhole()
    {
        var plan = new ToolPlan(ToolMode.Auto, ToolCallFormat.Hermes, Parallel: true);
        var whole = new ToolCallExtractor(plan).ReadAll(TwoHermesCalls);
        for (var i = 0; i <= TwoHermesCalls.Length; i++)
        {
            var x = new ToolCallExtractor(plan);
            var deltas = new List<ToolDelta>();
            x.Push(TwoHermesCalls[..i], deltas);
            x.Push(TwoHermesCalls[i..], deltas);
            x.Finish(deltas);
            Assert.Equal(whole.Content, string.Concat(deltas.Where(d => d.Kind == ToolDeltaKind.Content).Select(d => d.Text)));
            Assert.Equal(whole.Calls.Select(c => c.Name), deltas.Where(d => d.Kind == ToolDeltaKind.CallStart).Select(d => d.Text));
            Assert.Equal(2, x.CallCount);
        }
    }

    [Fact]
    public void ReadAll_ForcedReplyThatIsNotACall_IsContent()
    {
        var (content, calls) = new ToolCallExtractor(new ToolPlan(ToolMode.Forced, ToolCallFormat.None, true)).ReadAll("nothing");
        Assert.Equal("nothing", content);
        Assert.Empty(calls);
    }

    [Fact]
    public void ReadAll_Forced_ArgumentsAsWritten()
    {
        var (content, calls) = new ToolCallExtractor(new ToolPlan(ToolMode.Forced, ToolCallFormat.None, true)).ReadAll("{\"name\": \"f\", \"arguments\": {\"q\": \"x y\"}}");
        Assert.Null(content);
        Assert.Equal([("f", "{\"q\": \"x y\"}")], calls);
    }
}
