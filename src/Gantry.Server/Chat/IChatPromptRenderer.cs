namespace Gantry.Server.Chat;

/// <summary>Turns chat messages into the prompt text the model was trained on (its chat template).</summary>
internal interface IChatPromptRenderer
{
    /// <summary>Which template this is, for the log (e.g. "gguf", "chatml", "fallback-plain").</summary>
    string Name { get; }

    /// <summary>
    /// Renders the conversation and the assistant's turn header, ready to continue. False (with the reason) when the
    /// template refuses the conversation, e.g. roles that do not alternate; that is the client's error.
    /// </summary>
    bool TryRender(IReadOnlyList<ChatTurn> messages, out string prompt, out string? error);
}

/// <summary>One validated chat message.</summary>
internal readonly record struct ChatTurn(string Role, string Content);
