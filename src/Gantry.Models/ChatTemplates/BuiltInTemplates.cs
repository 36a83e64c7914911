using Gantry.Models.Tokenizers;

namespace Gantry.Models.ChatTemplates;

/// <summary>
/// Fallback templates for GGUF files without <c>tokenizer.chat_template</c>, and the vocabulary markers that pick one.
/// Each is the format's reference template from the model family's own tokenizer_config.json (written in the same
/// Jinja the file's template would be), so a fallback renders exactly as that family's real template would.
/// </summary>
public static class BuiltInTemplates
{
    public const string ChatML = "chatml";
    public const string Llama3 = "llama3";
    public const string Llama2 = "llama2";
    public const string Mistral = "mistral";
    public const string Gemma = "gemma";
    public const string Plain = "plain";

    /// <summary>All built-in names.</summary>
    public static IReadOnlyList<string> Names { get; } = [ChatML, Llama3, Llama2, Mistral, Gemma, Plain];

    // teknium/OpenHermes-2.5-Mistral-7B's ChatML template.
    private const string ChatMLSource =
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}"
        + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    // meta-llama/Meta-Llama-3-8B-Instruct.
    private const string Llama3Source =
        "{% set loop_messages = messages %}{% for message in loop_messages %}{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n'+ message['content'] | trim + '<|eot_id|>' %}"
        + "{% if loop.index0 == 0 %}{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}"
        + "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{% endif %}";

    // meta-llama/Llama-2-7b-chat-hf: the system prompt goes inside the first [INST] between <<SYS>> markers.
    private const string Llama2Source =
        "{% if messages[0]['role'] == 'system' %}{% set loop_messages = messages[1:] %}{% set system_message = messages[0]['content'] %}"
        + "{% else %}{% set loop_messages = messages %}{% set system_message = false %}{% endif %}"
        + "{% for message in loop_messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
        + "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}"
        + "{% if loop.index0 == 0 and system_message != false %}{% set content = '<<SYS>>\\n' + system_message + '\\n<</SYS>>\\n\\n' + message['content'] %}"
        + "{% else %}{% set content = message['content'] %}{% endif %}"
        + "{% if message['role'] == 'user' %}{{ bos_token + '[INST] ' + content.strip() + ' [/INST]' }}"
        + "{% elif message['role'] == 'assistant' %}{{ ' '  + content.strip() + ' ' + eos_token }}{% endif %}{% endfor %}";

    // mistralai's "v1" template (Mistral-7B-Instruct-v0.2 with system-prompt support): the system prompt is put in
    // front of the first user turn.
    private const string MistralSource =
        "{%- if messages[0]['role'] == 'system' %}\n    {%- set system_message = messages[0]['content'] %}\n    {%- set loop_messages = messages[1:] %}\n"
        + "{%- else %}\n    {%- set loop_messages = messages %}\n{%- endif %}\n\n{{- bos_token }}\n{%- for message in loop_messages %}\n"
        + "    {%- if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}\n"
        + "        {{- raise_exception('After the optional system message, conversation roles must alternate user/assistant/user/assistant/...') }}\n"
        + "    {%- endif %}\n    {%- if message['role'] == 'user' %}\n        {%- if loop.first and system_message is defined %}\n"
        + "            {{- ' [INST] ' + system_message + '\\n\\n' + message['content'] + ' [/INST]' }}\n        {%- else %}\n"
        + "            {{- ' [INST] ' + message['content'] + ' [/INST]' }}\n        {%- endif %}\n    {%- elif message['role'] == 'assistant' %}\n"
        + "        {{- ' ' + message['content'] + eos_token}}\n    {%- else %}\n"
        + "        {{- raise_exception('Only user and assistant roles are supported, with the exception of an initial optional system message!') }}\n"
        + "    {%- endif %}\n{%- endfor %}\n";

    // google/gemma-2-2b-it, except that a system message is folded into the first user turn instead of rejected
    // (what llama.cpp does for Gemma), so OpenAI-style requests with a system prompt still work.
    private const string GemmaSource =
        "{{ bos_token }}{% if messages[0]['role'] == 'system' %}{% set system_message = messages[0]['content'] | trim + '\\n\\n' %}{% set loop_messages = messages[1:] %}"
        + "{% else %}{% set system_message = '' %}{% set loop_messages = messages %}{% endif %}"
        + "{% for message in loop_messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
        + "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}"
        + "{% if (message['role'] == 'assistant') %}{% set role = 'model' %}{% else %}{% set role = message['role'] %}{% endif %}"
        + "{{ '<start_of_turn>' + role + '\\n' + (system_message if loop.first else '') + message['content'] | trim + '<end_of_turn>\\n' }}{% endfor %}"
        + "{% if add_generation_prompt %}{{'<start_of_turn>model\\n'}}{% endif %}";

    // For base models with no chat format at all: readable and unambiguous.
    private const string PlainSource =
        "{% for message in messages %}{{ message['role'] + ': ' + message['content'] + '\\n' }}{% endfor %}"
        + "{% if add_generation_prompt %}{{ 'assistant: ' }}{% endif %}";

    /// <summary>The built-in template of that name.</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static ChatTemplate Get(string name, string bosToken = "", string eosToken = "") =>
        ChatTemplate.Create(name, Source(name), bosToken, eosToken);

    internal static string Source(string name) => name switch
    {
        ChatML => ChatMLSource,
        Llama3 => Llama3Source,
        Llama2 => Llama2Source,
        Mistral => MistralSource,
        Gemma => GemmaSource,
        Plain => PlainSource,
        _ => throw new ArgumentException($"no built-in chat template named '{name}'; known: {string.Join(", ", Names)}", nameof(name)),
    };

    /// <summary>Picks the format whose control tokens the vocabulary has, else <see cref="Plain"/>.</summary>
    public static (string Name, string Source) ForVocabulary(ITokenizer tokenizer)
    {
        string name = NameForVocabulary(tokenizer);
        return (name, Source(name));
    }

    internal static string NameForVocabulary(ITokenizer tokenizer)
    {
        // Checked in this order because some vocabularies carry several families' markers (e.g. Qwen lists no
        // Llama 3 headers, but Llama 3 derivatives sometimes add <|im_start|> for ChatML fine-tunes: the ChatML
        // fine-tune wins, as its own template would).
        (string Marker, string Name)[] markers =
        [
            ("<|im_start|>", ChatML),
            ("<|start_header_id|>", Llama3),
            ("<start_of_turn>", Gemma),
            ("[INST]", Mistral),
        ];
        var present = new HashSet<string>(StringComparer.Ordinal);
        for (int id = 0; id < tokenizer.VocabSize; id++)
        {
            string text = tokenizer.TokenText(id);
            if (text.Length is >= 6 and <= 20 && text[0] is '<' or '[') present.Add(text);
        }
        foreach (var (marker, name) in markers)
            if (present.Contains(marker)) return name;
        return Plain;
    }
}
