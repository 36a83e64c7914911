using System.Text;
using Gantry.Server.Tools;

namespace Gantry.Server.Tests.Structured;

public sealed class ForcedCallScannerTests
{
    private const string Reply = "[{\"name\": \"get_\\\"w\\\"\", \"arguments\": {\"x\": \"}{[\\\"\", \"y\": [1, {\"z\": 2}]}},\n {\"name\":\"add\",\"arguments\":{}}]";

    [Fact]
    public void Push_SplitAtEveryBoundary_SameCallsAsWhole()
    {
        var expected = Read([Reply]);
        Assert.Equal([("get_\"w\"", "{\"x\": \"}{[\\\"\", \"y\": [1, {\"z\": 2}]}"), ("add", "{}")], expected);
        for (var i = 0; i <= Reply.Length; i++)
            for (var j = i; j <= Reply.Length; j += 7)
                Assert.Equal(expected, Read([Reply[..i], Reply[i..j], Reply[j..]]));
    }

    [Fact]
    public void Push_SingleObject_StreamsArgumentsAsTheyArrive()
    {
        var scanner = new ForcedCallScanner();
        var deltas = new List<ToolDelta>();
        scanner.Push("{\"name\": \"f\", \"argu", deltas);
        Assert.Equal([new ToolDelta(ToolDeltaKind.CallStart, 0, "f")], deltas);
        scanner.Push("ments\": {\"a\": ", deltas);
        scanner.Push("12", deltas);
        scanner.Push("}}", deltas);
        Assert.Equal(["{\"a\": ", "12", "}"], deltas.Skip(1).Select(d => d.Text));
        Assert.Equal(1, scanner.CallCount);
    }

    private static List<(string, string)> Read(string[] pieces)
    {
        var scanner = new ForcedCallScanner();
        var deltas = new List<ToolDelta>();
        foreach (var p in pieces) scanner.Push(p, deltas);
        var calls = new List<(string Name, StringBuilder Args)>();
        foreach (var d in deltas)
        {
            if (d.Kind == ToolDeltaKind.CallStart) calls.Add((d.Text, new StringBuilder()));
            else calls[d.Index].Args.Append(d.Text);
        }
        return calls.Select(c => (c.Name, c.Args.ToString())).ToList();
    }
}
