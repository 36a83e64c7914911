using System.Text.Json.Nodes;
using Gantry.Models.ChatTemplates.Jinja;
using Gantry.Models.Gguf;
using Gantry.Models.Tokenizers;

namespace Gantry.Models.ChatTemplates;

/// <summary>
/// Turns a conversation into the prompt text a model was trained on. The template is the GGUF's
/// <c>tokenizer.chat_template</c> (a Jinja template from the model's Hugging Face tokenizer_config.json), rendered by our
/// own Jinja-subset interpreter the way transformers' <c>apply_chat_template</c> renders it (trim_blocks, lstrip_blocks,
/// <c>raise_exception</c>, <c>tojson</c>); a model without one gets a built-in format picked from its vocabulary.
/// Parsed once, immutable, and safe to render from many threads at once.
/// </summary>
public sealed class ChatTemplate
{
    public const string GgufKey = "tokenizer.chat_template";

    private readonly IReadOnlyList<Stmt> _program;
    private readonly string _bosToken;
    private readonly string _eosToken;

    private readonly Lazy<ChatTemplateCapabilities> _capabilities;
    private bool _stripBos;
    private bool _stripEos;

    private ChatTemplate(string name, IReadOnlyList<Stmt> program, string bosToken, string eosToken)
    {
        Name = name;
        _program = program;
        _bosToken = bosToken;
        _eosToken = eosToken;
        _capabilities = new Lazy<ChatTemplateCapabilities>(() => ChatTemplateCapabilities.Probe(this));
    }

    /// <summary>
    /// The same template for a model whose tokenizer adds BOS (<paramref name="addsBos"/>) or EOS itself:
    /// <see cref="Apply"/> then removes those texts from the rendered prompt's start and end, as llama.cpp does.
    /// </summary>
    public ChatTemplate ForTokenizer(bool addsBos, bool addsEos) =>
        new(Name, _program, _bosToken, _eosToken) { Limits = Limits, Clock = Clock, _stripBos = addsBos, _stripEos = addsEos };

    /// <summary>The template of <paramref name="source"/> with this one's tokens and tokenizer behaviour (for
    /// <c>--chat-template FILE</c> overriding a model's own).</summary>
    /// <exception cref="ChatTemplateException">Syntax error, with its line and column.</exception>
    public ChatTemplate WithSource(string source) =>
        new("file", Parser.Parse(source ?? throw new ArgumentNullException(nameof(source))), _bosToken, _eosToken)
        { Limits = Limits, Clock = Clock, _stripBos = _stripBos, _stripEos = _stripEos };

    /// <summary>"gguf" for the file's own template, else the built-in's name (see <see cref="BuiltInTemplates"/>).</summary>
    public string Name { get; }

    internal RenderLimits Limits { get; private init; } = RenderLimits.Default;

    /// <summary>What <c>strftime_now</c> reads; the system clock unless a test fixes it.</summary>
    internal TimeProvider Clock { get; private init; } = TimeProvider.System;

    /// <summary>The same template under other limits; internal so tests can tighten them, the server uses the defaults.</summary>
    internal ChatTemplate WithLimits(RenderLimits limits) => new(Name, _program, _bosToken, _eosToken) { Limits = limits, Clock = Clock, _stripBos = _stripBos, _stripEos = _stripEos };

    /// <summary>The same template reading another clock, so tests can pin <c>strftime_now</c>.</summary>
    internal ChatTemplate WithClock(TimeProvider clock) => new(Name, _program, _bosToken, _eosToken) { Limits = Limits, Clock = clock, _stripBos = _stripBos, _stripEos = _stripEos };

    /// <summary>
    /// The file's template if it has one, else a built-in chosen from the vocabulary. <c>bos_token</c>/<c>eos_token</c>
    /// are the tokenizer's BOS/EOS texts (empty when the model has none).
    /// </summary>
    /// <exception cref="ChatTemplateException">The file's template does not parse.</exception>
    public static ChatTemplate FromGguf(GgufMetadata metadata, ITokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(tokenizer);
        string bos = tokenizer.BosId >= 0 ? tokenizer.TokenText(tokenizer.BosId) : "";
        string eos = tokenizer.EosId >= 0 ? tokenizer.TokenText(tokenizer.EosId) : "";
        ChatTemplate template;
        if (metadata.TryGetValue(GgufKey, out var value) && value.Value is string source && !string.IsNullOrWhiteSpace(source))
        {
            template = Parse(source, bos, eos);
        }
        else
        {
            var builtIn = BuiltInTemplates.ForVocabulary(tokenizer);
            template = Create(builtIn.Name, builtIn.Source, bos, eos);
        }
        return template.ForTokenizer(tokenizer.AddBos && bos.Length > 0, tokenizer.AddEos && eos.Length > 0);
    }

    /// <summary>
    /// <paramref name="source"/> as the template of a model with <paramref name="tokenizer"/> (its BOS/EOS texts and
    /// stripping, as <see cref="FromGguf"/> sets them), named "file": a <c>--chat-template FILE</c> override, which
    /// does not need the model's own template to parse.
    /// </summary>
    /// <exception cref="ChatTemplateException">Syntax error, with its line and column.</exception>
    public static ChatTemplate FromSource(string source, ITokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        string bos = tokenizer.BosId >= 0 ? tokenizer.TokenText(tokenizer.BosId) : "";
        string eos = tokenizer.EosId >= 0 ? tokenizer.TokenText(tokenizer.EosId) : "";
        return Create("file", source, bos, eos).ForTokenizer(tokenizer.AddBos && bos.Length > 0, tokenizer.AddEos && eos.Length > 0);
    }

    /// <summary>Parses a Jinja chat template.</summary>
    /// <exception cref="ChatTemplateException">Syntax error, with its line and column.</exception>
    public static ChatTemplate Parse(string source, string bosToken = "", string eosToken = "") => Create("gguf", source, bosToken, eosToken);

    internal static ChatTemplate Create(string name, string source, string bosToken, string eosToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new ChatTemplate(name, Parser.Parse(source), bosToken ?? "", eosToken ?? "");
    }

    /// <summary>
    /// Renders the prompt. The template sees <c>messages</c> (dicts with <c>role</c> and <c>content</c>),
    /// <c>add_generation_prompt</c>, <c>bos_token</c>, <c>eos_token</c> and <c>tools</c> = none.
    /// </summary>
    /// <remarks>Most templates write <c>bos_token</c> themselves, so encode the result without adding BOS again
    /// (or drop a doubled leading BOS, as llama.cpp does).</remarks>
    /// <exception cref="ChatTemplateException">A runtime error, a limit hit, or the template's own <c>raise_exception</c>
    /// (then <see cref="ChatTemplateException.RaisedByTemplate"/> is true).</exception>
    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = new List<object?>(messages.Count);
        foreach (var m in messages)
        {
            var d = Values.NewDict();
            d["role"] = m.Role;
            d["content"] = m.Content;
            list.Add(d);
        }
        var globals = NewGlobals();
        globals.Set("messages", list);
        globals.Set("add_generation_prompt", addGenerationPrompt);
        return Run(globals);
    }

    /// <summary>
    /// Renders with any template variables, as transformers' <c>apply_chat_template(messages, tools=..., **kwargs)</c>
    /// passes them: <c>messages</c>, <c>tools</c>, <c>add_generation_prompt</c>, <c>enable_thinking</c>, ... Values are
    /// plain JSON data. Unset, <c>tools</c> and <c>documents</c> are none, <c>add_generation_prompt</c> false, and
    /// <c>bos_token</c>/<c>eos_token</c> this template's tokens.
    /// </summary>
    /// <exception cref="ChatTemplateException">As for <see cref="Render(IReadOnlyList{ChatMessage}, bool)"/>.</exception>
    public string Render(JsonObject variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return Render(variables, messages: null);
    }

    /// <summary>
    /// What llama.cpp renders for a request: the messages normalised for this template (see
    /// <see cref="ChatMessageNormalizer"/>), then rendered as by <see cref="Render(JsonObject)"/>, then a leading BOS
    /// (trailing EOS) text removed when the model's tokenizer adds that token itself, so it is not doubled.
    /// <paramref name="normalize"/> false renders the variables as they are.
    /// </summary>
    /// <exception cref="ChatTemplateException">As for <see cref="Render(IReadOnlyList{ChatMessage}, bool)"/>.</exception>
    public string Apply(JsonObject variables, bool normalize = true)
    {
        ArgumentNullException.ThrowIfNull(variables);
        if (!normalize) return Render(variables, messages: null);
        var messages = variables["messages"] is JsonArray given ? ChatMessageNormalizer.Normalize(given, Capabilities) : null;
        string prompt = Render(variables, messages);
        if (_stripBos && _bosToken.Length > 0 && prompt.StartsWith(_bosToken, StringComparison.Ordinal)) prompt = prompt[_bosToken.Length..];
        if (_stripEos && _eosToken.Length > 0 && prompt.EndsWith(_eosToken, StringComparison.Ordinal)) prompt = prompt[..^_eosToken.Length];
        return prompt;
    }

    /// <summary>How this template treats system messages and tool-call arguments; probed on first use, then cached.</summary>
    public ChatTemplateCapabilities Capabilities => _capabilities.Value;

    private string Render(JsonObject variables, JsonArray? messages)
    {
        var globals = NewGlobals();
        globals.Set("add_generation_prompt", false);
        foreach (var (name, value) in variables)
            globals.Set(name, JsonValues.ToValue(name == "messages" && messages is not null ? messages : value));
        return Run(globals);
    }

    private Scope NewGlobals()
    {
        var globals = new Scope(null);
        Globals.AddTo(globals, Limits, Clock);
        globals.Set("bos_token", _bosToken);
        globals.Set("eos_token", _eosToken);
        globals.Set("tools", null);
        globals.Set("documents", null);
        return globals;
    }

    private string Run(Scope globals)
    {
        try
        {
            return new Interpreter(globals, Limits).Render(_program);
        }
        catch (InsufficientExecutionStackException)
        {
            throw new ChatTemplateException("template recursion too deep");
        }
    }
}
