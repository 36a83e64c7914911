using Gantry.Engine;
using Gantry.Engine.Sampling;
using Gantry.Models.ChatTemplates;
using Gantry.Models;

namespace Gantry.Cli.Chat;

/// <summary>
/// One conversation with a local model: the history (and an optional system message) rendered through the model's
/// chat template each turn, the reply streamed to the writer as the engine produces it. Lines starting with
/// <c>/</c> are commands: <c>/system TEXT</c>, <c>/reset</c>, <c>/exit</c>. When the conversation no longer fits the
/// context, the oldest turns are dropped (the system message stays).
/// </summary>
internal sealed class ChatSession(ILanguageModel model, LlmEngine engine, ChatTemplate? template, SamplingParams sampling, int maxTokens)
{
    private readonly List<ChatMessage> _history = [];
    private string? _system;

    public void SetSystem(string? text) => _system = string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>Renders for models whose template is missing or does not parse: "role: content" lines.</summary>
    private string Render(IReadOnlyList<ChatMessage> messages)
    {
        if (template is not null) return template.Render(messages, addGenerationPrompt: true);
        return string.Concat(messages.Select(m => $"{m.Role}: {m.Content}\n")) + "assistant:";
    }

    /// <summary>Reads lines until <c>/exit</c> or the end of input; <paramref name="prompt"/> is shown before each (terminals only).</summary>
    public async Task RunAsync(TextReader input, TextWriter output, string? prompt, CancellationToken ct = default)
    {
        while (true)
        {
            if (prompt is not null)
            {
                await output.WriteAsync(prompt).ConfigureAwait(false);
                await output.FlushAsync(ct).ConfigureAwait(false);
            }
            var line = await input.ReadLineAsync(ct).ConfigureAwait(false);
            if (line is null) return;
            line = line.Trim();
            if (line.Length == 0) continue;
            if (line.StartsWith('/'))
            {
                if (!Command(line, output)) return;
                continue;
            }
            await ReplyAsync(line, output, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Applies a slash command; false for <c>/exit</c>.</summary>
    private bool Command(string line, TextWriter output)
    {
        var space = line.IndexOf(' ');
        var name = space < 0 ? line : line[..space];
        var argument = space < 0 ? "" : line[(space + 1)..].Trim();
        switch (name)
        {
            case "/exit" or "/quit":
                return false;
            case "/reset":
                _history.Clear();
                output.WriteLine("(history cleared)");
                return true;
            case "/system":
                SetSystem(argument);
                output.WriteLine(_system is null ? "(system message removed)" : "(system message set)");
                return true;
            default:
                output.WriteLine($"(unknown command {name}; try /system TEXT, /reset, /exit)");
                return true;
        }
    }

    private async Task ReplyAsync(string user, TextWriter output, CancellationToken ct)
    {
        _history.Add(new ChatMessage("user", user));
        var tokens = Encode();
        while (tokens.Length + maxTokens > model.Info.ContextLength && _history.Count > 1)
        {
            _history.RemoveAt(0); // the oldest turn goes first; the new message stays
            tokens = Encode();
        }
        var request = new GenerationRequest
        {
            PromptTokens = tokens,
            Sampling = sampling,
            MaxTokens = Math.Max(1, Math.Min(maxTokens, model.Info.ContextLength - tokens.Length)),
        };
        var reply = new System.Text.StringBuilder();
        await foreach (var e in engine.GenerateAsync(request, ct).ConfigureAwait(false))
        {
            if (e.FinishReason == FinishReason.Error) throw new InvalidOperationException("generation failed: " + e.Error);
            if (e.TextDelta.Length == 0) continue;
            reply.Append(e.TextDelta);
            await output.WriteAsync(e.TextDelta).ConfigureAwait(false);
            await output.FlushAsync(ct).ConfigureAwait(false);
        }
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.FlushAsync(ct).ConfigureAwait(false);
        _history.Add(new ChatMessage("assistant", reply.ToString().Trim()));
    }

    /// <summary>The prompt tokens; a template that writes the BOS token itself gets no second one.</summary>
    private int[] Encode()
    {
        List<ChatMessage> messages = _system is null ? [.. _history] : [new ChatMessage("system", _system), .. _history];
        var text = Render(messages);
        var tokenizer = model.Tokenizer;
        var hasBos = tokenizer.BosId >= 0 && text.StartsWith(tokenizer.TokenText(tokenizer.BosId), StringComparison.Ordinal);
        return tokenizer.Encode(text, addSpecial: !hasBos, parseSpecial: true);
    }
}
