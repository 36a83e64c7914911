using Gantry.Engine.KvCache;
using Gantry.Models;
using Gantry.Models.ChatTemplates;
using Gantry.Models.Gguf;
using Gantry.Models.Tokenizers;
using Microsoft.Extensions.Logging;

namespace Gantry.Gateway.Routing;

/// <summary>
/// A prompt's routing key: the engine's own chained block hash (<see cref="BlockHasher"/>) over the first
/// <see cref="GatewayOptions.PrefixBlocks"/> full blocks of the rendered, tokenized prompt, the same chain a replica's
/// prefix cache addresses those blocks by; so two requests get the same key exactly when the replica could reuse those
/// blocks between them. A prompt shorter than a block is keyed on all its tokens. For a model with no tokenizer
/// configured, characters stand in for tokens (four per token), which groups shared prefixes the same way.
/// Thread-safe: tokenizers and templates are immutable.
/// </summary>
public sealed class PromptKeyer
{
    private const int CharsPerToken = 4;

    private readonly Dictionary<string, (ITokenizer Tokenizer, ChatTemplate? Template)> _models = new(StringComparer.Ordinal);
    private readonly int _blockSize;
    private readonly int _prefixBlocks;

    public PromptKeyer(GatewayOptions options, ILogger logger)
    {
        _blockSize = options.BlockSize;
        _prefixBlocks = options.PrefixBlocks;
        foreach (var (model, path) in options.Tokenizers)
        {
            try
            {
                using var file = GgufFile.Open(path);
                var tokenizer = TokenizerFactory.FromGguf(file.Metadata);
                ChatTemplate? template = null;
                try { template = ChatTemplate.FromGguf(file.Metadata, tokenizer); }
                catch (ChatTemplateException) { /* chat prompts fall back to role: content lines */ }
                _models[model] = (tokenizer, template);
            }
            catch (Exception e) when (e is ModelFormatException or IOException or UnauthorizedAccessException)
            {
                GatewayLog.TokenizerFailed(logger, model, path, e.Message);
            }
        }
    }

    /// <summary>Key of a completion prompt given as text.</summary>
    public ulong ForText(string? model, string text, string? cacheSalt)
    {
        if (model is not null && _models.TryGetValue(model, out var m))
            return ForTokens(Encode(m.Tokenizer, Truncate(text), addSpecial: true, parseSpecial: false), cacheSalt);
        return ForChars(text, cacheSalt);
    }

    /// <summary>Key of a completion prompt given as token ids.</summary>
    public ulong ForTokens(ReadOnlySpan<int> tokens, string? cacheSalt)
    {
        var h = BlockHasher.Root(cacheSalt);
        var full = Math.Min(tokens.Length / _blockSize, _prefixBlocks);
        if (full == 0) return BlockHasher.Chain(h, tokens);
        for (var b = 0; b < full; b++) h = BlockHasher.Chain(h, tokens.Slice(b * _blockSize, _blockSize));
        return h;
    }

    /// <summary>Key of a chat conversation: rendered with the model's template, as the replica renders it.</summary>
    public ulong ForChat(string? model, IReadOnlyList<ChatMessage> messages, string? cacheSalt)
    {
        if (model is not null && _models.TryGetValue(model, out var m))
        {
            string text;
            try { text = m.Template?.Render(messages, addGenerationPrompt: true) ?? Plain(messages); }
            catch (ChatTemplateException) { text = Plain(messages); }
            var tokenizer = m.Tokenizer;
            var templateHasBos = tokenizer.BosId >= 0 && text.StartsWith(tokenizer.TokenText(tokenizer.BosId), StringComparison.Ordinal);
            return ForTokens(Encode(tokenizer, Truncate(text), addSpecial: !templateHasBos, parseSpecial: true), cacheSalt);
        }
        return ForChars(Plain(messages), cacheSalt);
    }

    private ulong ForChars(string text, string? cacheSalt)
    {
        var n = Math.Min(text.Length, _blockSize * _prefixBlocks * CharsPerToken);
        var chars = new int[n];
        for (var i = 0; i < n; i++) chars[i] = text[i];
        var h = BlockHasher.Root(cacheSalt);
        var block = _blockSize * CharsPerToken;
        var full = n / block;
        if (full == 0) return BlockHasher.Chain(h, chars);
        for (var b = 0; b < full; b++) h = BlockHasher.Chain(h, chars.AsSpan(b * block, block));
        return h;
    }

    /// <summary>Only the prompt's head matters; tokenizing a generous head (16 characters per token) bounds the cost on long prompts.</summary>
    private string Truncate(string text)
    {
        var head = _blockSize * _prefixBlocks * 16;
        return text.Length <= head ? text : text[..head];
    }

    private static int[] Encode(ITokenizer tokenizer, string text, bool addSpecial, bool parseSpecial) =>
        tokenizer.Encode(text, addSpecial, parseSpecial);

    private static string Plain(IReadOnlyList<ChatMessage> messages) =>
        string.Concat(messages.Select(m => m.Role + ": " + m.Content + "\n"));
}
