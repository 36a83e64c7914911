namespace Gantry.Models.ChatTemplates;

/// <summary>One turn of a conversation as templates see it: <c>message['role']</c> and <c>message['content']</c>.</summary>
public sealed record ChatMessage(string Role, string Content);
