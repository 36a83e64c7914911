namespace Gantry.Models.ToolCalls;

/// <summary>What a <see cref="ToolCallParser"/> found in the text so far: ordinary content, or one complete tool call.</summary>
/// <param name="Index">The call's position among this reply's calls (0, 1, …); -1 for content.</param>
/// <param name="ArgumentsJson">The call's arguments as compact JSON object text.</param>
public readonly record struct ToolCallEvent(string? Content, int Index, string? Name, string? ArgumentsJson)
{
    public bool IsToolCall => Name is not null;

    public static ToolCallEvent Text(string content) => new(content, -1, null, null);

    public static ToolCallEvent Call(int index, string name, string argumentsJson) => new(null, index, name, argumentsJson);
}
