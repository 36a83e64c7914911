using Gantry.Models.Tokenizers;

namespace Gantry.Models.ToolCalls;

/// <summary>How a model family writes tool calls in its output text.</summary>
public enum ToolCallFormat
{
    /// <summary>The template shows no tool-call syntax: output is never parsed for calls.</summary>
    None,

    /// <summary>Hermes / Qwen 2.x: <c>&lt;tool_call&gt;{"name": …, "arguments": {…}}&lt;/tool_call&gt;</c>, one block per call.</summary>
    Hermes,

    /// <summary>Llama 3.x: a JSON object <c>{"name": …, "parameters": {…}}</c> as the whole reply, or after <c>&lt;|python_tag|&gt;</c>.</summary>
    Llama3,

    /// <summary>Mistral: <c>[TOOL_CALLS] [{"name": …, "arguments": {…}}, …]</c> (or <c>[TOOL_CALLS]name[ARGS]{…}</c>).</summary>
    Mistral,
}

/// <summary>Chooses a model's <see cref="ToolCallFormat"/> from its chat template and vocabulary.</summary>
public static class ToolCallFormats
{
    /// <summary>
    /// The template's own markers decide (they are what the model was trained to write); the vocabulary's special
    /// tokens break ties when the template is absent.
    /// </summary>
    public static ToolCallFormat Detect(string? chatTemplate, ITokenizer? tokenizer = null)
    {
        var source = chatTemplate ?? "";
        if (source.Contains("<tool_call>", StringComparison.Ordinal)) return ToolCallFormat.Hermes;
        if (source.Contains("[TOOL_CALLS]", StringComparison.Ordinal)) return ToolCallFormat.Mistral;
        if (source.Contains("<|python_tag|>", StringComparison.Ordinal) || source.Contains("\"parameters\"", StringComparison.Ordinal) && source.Contains("<|eot_id|>", StringComparison.Ordinal))
            return ToolCallFormat.Llama3;
        if (tokenizer is null) return ToolCallFormat.None;
        for (var id = 0; id < tokenizer.VocabSize; id++)
        {
            var text = tokenizer.TokenText(id);
            if (text == "<tool_call>") return ToolCallFormat.Hermes;
            if (text == "[TOOL_CALLS]") return ToolCallFormat.Mistral;
            if (text == "<|python_tag|>") return ToolCallFormat.Llama3;
        }
        return ToolCallFormat.None;
    }
}
