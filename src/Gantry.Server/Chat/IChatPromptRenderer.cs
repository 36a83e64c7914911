namespace Gantry.Server.Chat;

/// <summary>Turns chat messages into the prompt text the model was trained on (its chat template).</summary>
internal interface IChatPromptRenderer
{
    /// <summary>Renders the conversation and the assistant's turn header, ready to continue.</summary>
    string Render(IReadOnlyList<ChatTurn> messages);
}

/// <summary>One validated chat message.</summary>
internal readonly record struct ChatTurn(string Role, string Content);
