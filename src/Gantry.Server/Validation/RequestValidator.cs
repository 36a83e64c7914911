using System.Text.Json;
using Gantry.Engine.Sampling;
using Gantry.Server.Catalog;
using Gantry.Server.Chat;
using Gantry.Server.Configuration;
using Gantry.Models.ToolCalls;
using Gantry.Server.Protocol;
using Gantry.Server.Tools;

namespace Gantry.Server.Validation;

/// <summary>
/// Checks a parsed request against the OpenAI contract and the model's limits, and builds its <see cref="GenerationPlan"/>.
/// Every failure is an <see cref="ApiError"/> value naming the offending param; nothing here throws for bad input.
/// </summary>
internal static class RequestValidator
{
    public const int MaxStops = 16;
    public const int MaxStopLength = 1024;

    /// <param name="filter">The input guardrails, run over each prompt text before it is tokenized; null runs none.</param>
    public static ApiError? Completion(CompletionRequest r, ServedModel model, ServerOptions options, PromptFilter? filter, out GenerationPlan plan)
    {
        plan = null!;
        if (r.Echo == true) return ApiError.Invalid("echo", "'echo' is not supported");
        if (r.Logprobs is < 0 or > SamplingParams.MaxLogProbs)
            return ApiError.Invalid("logprobs", $"'logprobs' must be in [0, {SamplingParams.MaxLogProbs}]; got {r.Logprobs}");
        if (ParsePrompts(r.Prompt, model, filter, out var prompts) is { } promptError) return promptError;
        if (OutputConstraints.Parse(r, out var grammar, out _) is { } constraintError) return constraintError;
        var mode = r.Logprobs is null ? LogProbsMode.None : LogProbsMode.Completions;
        var error = Common(r, model, options, prompts, "prompt", mode, r.Logprobs ?? 0, out plan);
        if (error is null && grammar is not null) plan = plan with { Grammar = grammar };
        return error;
    }

    /// <param name="filter">The input guardrails, run over each message's content before the template renders it; null runs none.</param>
    public static ApiError? Chat(ChatCompletionRequest r, ServedModel model, ServerOptions options, PromptFilter? filter, out GenerationPlan plan)
    {
        plan = null!;
        if (r.TopLogprobs is < 0 or > SamplingParams.MaxLogProbs)
            return ApiError.Invalid("top_logprobs", $"'top_logprobs' must be in [0, {SamplingParams.MaxLogProbs}]; got {r.TopLogprobs}");
        if (r.TopLogprobs is not null && r.Logprobs != true)
            return ApiError.Invalid("top_logprobs", "'top_logprobs' requires 'logprobs' to be true");
        if (ChatMessages.Parse(r.Messages, filter, out var turns) is { } messageError) return messageError;
        if (ToolOptions.Parse(r, model, out var tools, out var templateTools, out var toolGrammar) is { } toolError) return toolError;
        if (OutputConstraints.Parse(r, out var grammar, out var constraintParam) is { } constraintError) return constraintError;
        if (toolGrammar is not null && grammar is not null)
            return ApiError.Invalid(constraintParam!, $"'tool_choice' {(r.ToolChoice.ValueKind == JsonValueKind.String ? "required" : "naming a function")} constrains the reply to tool calls; it cannot be combined with '{constraintParam}'");
        if (tools is not null && r.Logprobs == true)
            return ApiError.Invalid("logprobs", "'logprobs' is not available together with 'tools'");
        if (!model.Chat.TryRender(turns, templateTools, out var text, out var refused))
        {
            return refused!.TemplateFault
                ? ApiError.Internal("The model's chat template failed to render the conversation: " + refused.Message) with { Code = "chat_template_error" }
                : ApiError.Invalid("messages", "The model's chat template rejected the conversation: " + refused.Message);
        }
        // Templates that write the BOS token themselves must not get a second one from the tokenizer.
        var tokenizer = model.Model.Tokenizer;
        var templateHasBos = tokenizer.BosId >= 0 && text.StartsWith(tokenizer.TokenText(tokenizer.BosId), StringComparison.Ordinal);
        var tokens = tokenizer.Encode(text, addSpecial: !templateHasBos, parseSpecial: true);
        var mode = r.Logprobs == true ? LogProbsMode.Chat : LogProbsMode.None;
        var error = Common(r, model, options, [tokens], "messages", mode, r.TopLogprobs ?? 0, out plan);
        if (error is null)
        {
            plan = plan with
            {
                Grammar = toolGrammar ?? grammar,
                Tools = tools,
                PromptText = text,
                // The model's tool-call markers are often control tokens, which the parser must see as text.
                RenderSpecialTokens = tools is { Mode: ToolMode.Auto, Format: not ToolCallFormat.None },
            };
        }
        return error;
    }

    private static ApiError? Common(GenerationFields r, ServedModel model, ServerOptions options, IReadOnlyList<int[]> prompts,
        string promptParam, LogProbsMode mode, int topLogProbs, out GenerationPlan plan)
    {
        plan = null!;
        var n = r.N ?? 1;
        if (n < 1) return ApiError.Invalid("n", $"'n' must be at least 1; got {n}");
        if ((long)n * prompts.Count > options.MaxChoices)
            return ApiError.Invalid("n", $"'n' × prompts = {(long)n * prompts.Count} choices; this server allows at most {options.MaxChoices}");
        if (r.Stream != true && r.StreamOptions is not null)
            return ApiError.Invalid("stream_options", "'stream_options' is only allowed when 'stream' is true");
        if (Sampling(r, mode, topLogProbs, out var sampling) is { } samplingError) return samplingError;
        if (ParseStops(r.Stop, out var stops) is { } stopError) return stopError;

        var (maxParam, requested) = r.MaxCompletionTokens is { } mct ? ("max_completion_tokens", (int?)mct) : ("max_tokens", r.MaxTokens);
        if (requested < 1) return ApiError.Invalid(maxParam, $"'{maxParam}' must be at least 1; got {requested}");
        var context = model.ContextLength;
        var stats = model.Engine.Stats;
        var cacheTokens = (long)stats.BlocksTotal * stats.BlockSize;
        var maxTokens = new int[prompts.Count];
        for (var i = 0; i < prompts.Count; i++)
        {
            var length = prompts[i].Length;
            if (length >= context)
                return ApiError.Invalid(promptParam, $"The prompt has {length} tokens; the model's context length is {context}");
            if (requested is { } max)
            {
                if ((long)length + max > context)
                    return ApiError.Invalid(maxParam, $"The prompt ({length} tokens) + {maxParam} ({max}) = {(long)length + max} exceeds the model's context length of {context} tokens");
                if (length + max > cacheTokens)
                    return ApiError.Invalid(maxParam, $"The prompt ({length} tokens) + {maxParam} ({max}) needs more than the KV cache's {cacheTokens} token slots; the server needs a larger KV cache");
                maxTokens[i] = max;
            }
            else
            {
                var room = (int)Math.Min(context, cacheTokens) - length;
                if (room < 1) return ApiError.Invalid(promptParam, $"The prompt has {length} tokens; the KV cache holds {cacheTokens}");
                maxTokens[i] = room;
            }
        }
        plan = new GenerationPlan(model, prompts, maxTokens, n, sampling, stops, r.Stream == true, r.StreamOptions?.IncludeUsage == true,
            mode, topLogProbs, r.IgnoreEos == true, r.CacheSalt);
        return null;
    }

    private static ApiError? Sampling(GenerationFields r, LogProbsMode mode, int topLogProbs, out SamplingParams sampling)
    {
        sampling = null!;
        if (r.Temperature is { } t && !(t >= 0 && t <= 2)) return ApiError.Invalid("temperature", $"'temperature' must be in [0, 2]; got {t}");
        if (r.TopP is { } p && !(p > 0 && p <= 1)) return ApiError.Invalid("top_p", $"'top_p' must be in (0, 1]; got {p}");
        if (r.PresencePenalty is { } pp && !(pp >= -2 && pp <= 2)) return ApiError.Invalid("presence_penalty", $"'presence_penalty' must be in [-2, 2]; got {pp}");
        if (r.FrequencyPenalty is { } fp && !(fp >= -2 && fp <= 2)) return ApiError.Invalid("frequency_penalty", $"'frequency_penalty' must be in [-2, 2]; got {fp}");
        if (r.TopK is < -1) return ApiError.Invalid("top_k", $"'top_k' must be -1 (off) or at least 0; got {r.TopK}");
        if (r.MinP is { } mp && !(mp >= 0 && mp <= 1)) return ApiError.Invalid("min_p", $"'min_p' must be in [0, 1]; got {mp}");
        if (r.RepetitionPenalty is { } rp && !(rp > 0 && rp <= 10)) return ApiError.Invalid("repetition_penalty", $"'repetition_penalty' must be in (0, 10]; got {rp}");
        if (r.CacheSalt is { Length: 0 or > 256 }) return ApiError.Invalid("cache_salt", "'cache_salt' must be 1 to 256 characters");
        sampling = new SamplingParams
        {
            Temperature = (float)(r.Temperature ?? 1.0),
            TopP = (float)(r.TopP ?? 1.0),
            TopK = Math.Max(0, r.TopK ?? 0),
            MinP = (float)(r.MinP ?? 0),
            RepetitionPenalty = (float)(r.RepetitionPenalty ?? 1.0),
            PresencePenalty = (float)(r.PresencePenalty ?? 0),
            FrequencyPenalty = (float)(r.FrequencyPenalty ?? 0),
            RepetitionLastN = -1,
            Seed = r.Seed is { } s ? unchecked((ulong)s) : null,
            // The engine reports the chosen token's log-probability only alongside at least one top entry.
            LogProbs = mode == LogProbsMode.None ? 0 : Math.Max(1, topLogProbs),
        };
        return null;
    }

    private static ApiError? ParseStops(JsonElement stop, out IReadOnlyList<string> stops)
    {
        stops = [];
        switch (stop.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                if (Text(stop, "stop", out var one) is { } badStop) return badStop;
                if (one.Length is 0 or > MaxStopLength) return ApiError.Invalid("stop", $"each 'stop' string must be 1 to {MaxStopLength} characters");
                stops = [one];
                return null;
            case JsonValueKind.Array:
                var list = new List<string>();
                foreach (var item in stop.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String) return ApiError.Invalid("stop", "'stop' must be a string or an array of strings");
                    if (Text(item, "stop", out var s) is { } badItem) return badItem;
                    if (s.Length is 0 or > MaxStopLength) return ApiError.Invalid("stop", $"each 'stop' string must be 1 to {MaxStopLength} characters");
                    if (list.Count == MaxStops) return ApiError.Invalid("stop", $"'stop' may hold at most {MaxStops} strings");
                    list.Add(s);
                }
                stops = list;
                return null;
            default:
                return ApiError.Invalid("stop", "'stop' must be a string or an array of strings");
        }
    }

    private static ApiError? ParsePrompts(JsonElement prompt, ServedModel model, PromptFilter? filter, out IReadOnlyList<int[]> prompts)
    {
        prompts = [];
        var tokenizer = model.Model.Tokenizer;
        const string shape = "'prompt' must be a string, an array of strings, an array of token ids or an array of token-id arrays";
        switch (prompt.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return ApiError.Missing("prompt");
            case JsonValueKind.String:
                if (Text(prompt, "prompt", out var single) is { } bad) return bad;
                if (filter?.Invoke("prompt", PromptRole.Prompt, ref single) is { } refusedSingle) return refusedSingle;
                prompts = [Encode(tokenizer, single)];
                break;
            case JsonValueKind.Array:
                var length = prompt.GetArrayLength();
                if (length == 0) return ApiError.Invalid("prompt", "'prompt' must not be an empty array");
                var first = prompt[0].ValueKind;
                if (first == JsonValueKind.Number)
                {
                    if (TokenIds(prompt, model, out var ids) is { } e) return e;
                    if (FilterTokens(filter, tokenizer, ref ids) is { } refusedIds) return refusedIds;
                    prompts = [ids];
                    break;
                }
                var list = new List<int[]>(length);
                foreach (var item in prompt.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        if (Text(item, "prompt", out var text) is { } badItem) return badItem;
                        if (filter?.Invoke("prompt", PromptRole.Prompt, ref text) is { } refusedItem) return refusedItem;
                        list.Add(Encode(tokenizer, text));
                    }
                    else if (item.ValueKind == JsonValueKind.Array)
                    {
                        if (TokenIds(item, model, out var ids) is { } e) return e;
                        if (FilterTokens(filter, tokenizer, ref ids) is { } refusedIds) return refusedIds;
                        list.Add(ids);
                    }
                    else return ApiError.Invalid("prompt", shape);
                }
                prompts = list;
                break;
            default:
                return ApiError.Invalid("prompt", shape);
        }
        foreach (var p in prompts)
            if (p.Length == 0) return ApiError.Invalid("prompt", "The prompt is empty and the model adds no BOS token");
        return null;
    }

    /// <summary>A JSON string's value; System.Text.Json refuses escaped lone surrogates (<c>"\ud800"</c>), which is the client's error.</summary>
    internal static ApiError? Text(JsonElement element, string param, out string text)
    {
        try
        {
            text = element.GetString()!;
            return null;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return ApiError.Invalid(param, $"'{param}' holds an escaped lone UTF-16 surrogate");
        }
    }

    private static int[] Encode(Models.Tokenizers.ITokenizer tokenizer, string text) => tokenizer.Encode(text, addSpecial: true, parseSpecial: false);

    /// <summary>
    /// Guards a token-id prompt through its text (without a leading BOS). Only when the filter changes the text is it
    /// encoded again, as a string prompt would be; otherwise the client's ids go to the model untouched.
    /// </summary>
    private static ApiError? FilterTokens(PromptFilter? filter, Models.Tokenizers.ITokenizer tokenizer, ref int[] ids)
    {
        if (filter is null) return null;
        var body = ids.Length > 0 && ids[0] == tokenizer.BosId ? ids.AsSpan(1) : ids;
        var original = Models.Tokenizers.TokenizerExtensions.Decode(tokenizer, body);
        var text = original;
        if (filter("prompt", PromptRole.Prompt, ref text) is { } refused) return refused;
        if (!string.Equals(text, original, StringComparison.Ordinal)) ids = Encode(tokenizer, text);
        return null;
    }

    private static ApiError? TokenIds(JsonElement array, ServedModel model, out int[] ids)
    {
        ids = new int[array.GetArrayLength()];
        var vocab = model.Model.Info.VocabSize;
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var id))
                return ApiError.Invalid("prompt", "token-id prompts must hold only integers");
            if ((uint)id >= (uint)vocab) return ApiError.Invalid("prompt", $"token id {id} is outside the vocabulary (0..{vocab - 1})");
            ids[i++] = id;
        }
        return ids.Length == 0 ? ApiError.Invalid("prompt", "a token-id prompt must not be empty") : null;
    }
}
