using Gantry.Server.Protocol;

namespace Gantry.Server.Tools;

/// <summary>Tool calls in their wire form.</summary>
internal static class ToolCallWire
{
    /// <summary>The finish reason of a choice that called at least one tool.</summary>
    public const string FinishReason = "tool_calls";

    /// <summary>A whole reply's calls as <c>message.tool_calls</c>, each with a fresh id.</summary>
    public static IReadOnlyList<ToolCallOut> ToMessage(List<(string Name, string Arguments)> calls)
    {
        var list = new ToolCallOut[calls.Count];
        for (var i = 0; i < list.Length; i++) list[i] = new ToolCallOut(ToolCallExtractor.NewCallId(), new FunctionCallOut(calls[i].Name, calls[i].Arguments));
        return list;
    }
}
