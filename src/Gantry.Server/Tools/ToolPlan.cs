using Gantry.Models.ToolCalls;

namespace Gantry.Server.Tools;

/// <summary>How a chat request's reply is read for tool calls.</summary>
internal enum ToolMode
{
    /// <summary><c>tool_choice: "auto"</c>: the model may call tools in its own syntax (<see cref="ToolPlan.Format"/>), which is parsed out of its text.</summary>
    Auto,

    /// <summary><c>tool_choice: "required"</c> or a named function: the reply is constrained to the tool-call JSON
    /// (<see cref="Engine.Constraints.ToolCallSchema"/>), so it always parses into calls.</summary>
    Forced,
}

/// <summary>A validated request's tool handling: the mode, the model's syntax for <see cref="ToolMode.Auto"/>, and
/// whether several calls may come in one reply (<c>parallel_tool_calls</c>).</summary>
internal sealed record ToolPlan(ToolMode Mode, ToolCallFormat Format, bool Parallel);
