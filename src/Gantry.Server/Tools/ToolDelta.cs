namespace Gantry.Server.Tools;

/// <summary>What a reply read for tool calls becomes, in order: content, a call's start (its name), its argument text.</summary>
internal enum ToolDeltaKind { Content, CallStart, Arguments }

/// <summary>
/// One piece of a reply read for tool calls. <see cref="Index"/> is the call's position among the reply's calls
/// (after the <c>parallel_tool_calls</c> cut); <see cref="Text"/> is the content, the function name, or a fragment of
/// the arguments' JSON text to append.
/// </summary>
internal readonly record struct ToolDelta(ToolDeltaKind Kind, int Index, string Text);
