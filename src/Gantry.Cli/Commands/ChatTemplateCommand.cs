using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gantry.Models.ChatTemplates;
using Gantry.Models.Gguf;
using Gantry.Models.Tokenizers;

namespace Gantry.Cli.Commands;

/// <summary>
/// <c>gantry chat-template (--template FILE | --model GGUF) [--jsonl] [--no-normalize]</c>: renders a chat template
/// for template variables read from stdin (<c>messages</c>, <c>tools</c>, <c>add_generation_prompt</c>,
/// <c>bos_token</c>, <c>eos_token</c>, anything else the template reads), after llama.cpp's message normalisation
/// unless <c>--no-normalize</c>. One JSON object in, the rendered text out (nothing else); with <c>--jsonl</c>, one
/// object per line in and one <c>{"text": ...}</c> or <c>{"error": ...}</c> line out each. A <c>template</c> key in an
/// object replaces the file's template for that object. With <c>--model</c> the model's tokens and tokenizer apply
/// (a BOS the tokenizer adds itself is not repeated in the text), as the server's <c>/apply-template</c> renders.
/// </summary>
internal static class ChatTemplateCommand
{
    private static readonly JsonSerializerOptions LineJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Build()
    {
        var template = new Option<string?>("--template") { Description = "A Jinja chat template file" };
        var model = new Option<string?>("--model", "-m") { Description = "A GGUF model whose tokenizer.chat_template (and tokens) to use" };
        var jsonl = new Option<bool>("--jsonl") { Description = "Read one JSON object per stdin line; print one {\"text\"} or {\"error\"} line each" };
        var noNormalize = new Option<bool>("--no-normalize") { Description = "Render the messages as given, without llama.cpp's normalisation" };
        var command = new Command("chat-template", "Render a chat template for JSON template variables read from stdin")
        {
            template, model, jsonl, noNormalize,
        };
        command.SetAction(parse =>
        {
            var (file, gguf) = (parse.GetValue(template), parse.GetValue(model));
            if ((file is null) == (gguf is null)) throw new CliUsageException("give exactly one of --template FILE or --model GGUF");
            var templates = new Templates(file, gguf);
            bool normalize = !parse.GetValue(noNormalize);
            if (!parse.GetValue(jsonl))
            {
                var input = JsonNode.Parse(Console.In.ReadToEnd()) as JsonObject
                    ?? throw new CliUsageException("stdin must hold one JSON object of template variables");
                Console.Out.Write(Render(templates, input, normalize));
                return 0;
            }
            foreach (var (_, line) in JsonLines.Lines(Console.In, skipBlank: true))
            {
                JsonObject result;
                try
                {
                    var input = JsonNode.Parse(line) as JsonObject ?? throw new CliUsageException("each line must be a JSON object of template variables");
                    result = new JsonObject { ["text"] = Render(templates, input, normalize) };
                }
                catch (Exception e) when (CliErrors.IsExpected(e))
                {
                    result = new JsonObject { ["error"] = CliErrors.Describe(e) };
                }
                Console.Out.WriteLine(result.ToJsonString(LineJson));
            }
            return 0;
        });
        return command;
    }

    private static ChatTemplate FromModel(string path)
    {
        using var file = GgufFile.Open(path);
        return ChatTemplate.FromGguf(file.Metadata, TokenizerFactory.FromGguf(file.Metadata));
    }

    private static string Render(Templates templates, JsonObject input, bool normalize)
    {
        var chat = templates.Base;
        if (input["template"] is JsonNode own)
        {
            var source = own is JsonValue v && v.TryGetValue(out string? s) ? s : throw new CliUsageException("\"template\" must be a string");
            input = (JsonObject)input.DeepClone();
            input.Remove("template");
            chat = templates.For(source);
        }
        return chat.Apply(input, normalize);
    }

    /// <summary>The file's (or model's) template, loaded on first use, and each object's own template parsed once:
    /// next to <c>--model</c> an object's template keeps the model's tokens and tokenizer.</summary>
    private sealed class Templates(string? file, string? gguf)
    {
        private readonly Lazy<ChatTemplate> _base = new(() => file is not null ? ChatTemplate.Parse(File.ReadAllText(file)) : FromModel(gguf!));
        private readonly Dictionary<string, ChatTemplate> _own = new(StringComparer.Ordinal);

        public ChatTemplate Base => _base.Value;

        public ChatTemplate For(string source)
        {
            if (!_own.TryGetValue(source, out var chat))
            {
                chat = gguf is not null ? Base.WithSource(source) : ChatTemplate.Parse(source);
                if (_own.Count < 64) _own[source] = chat;
            }
            return chat;
        }
    }
}
